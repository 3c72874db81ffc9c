package io.timelapse.platform.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Usage errors and failures: one line that says what is wrong, the exit code, never a stack trace. */
class CommandExecutionTest {

    /** {@code timelapse lm generate}: throws what {@link #failure} says. */
    @Command(name = "generate", mixinStandardHelpOptions = true, description = "Greedy continuations.")
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--model", paramLabel = "DIR", description = "The model.")
        Path model;

        @Option(names = "--new-tokens", defaultValue = "4", description = "Tokens to generate.")
        int newTokens;

        Exception failure;

        @Override
        public Integer call() throws Exception {
            if (newTokens < 0) {
                throw new ParameterException(spec.commandLine(), "--new-tokens " + newTokens + ": must be at least 0");
            }
            if (failure != null) {
                throw failure;
            }
            return 0;
        }
    }

    private final Generate generate = new Generate();
    private final RecordingRuns runs = new RecordingRuns();

    private CommandLines.Result run(String... args) {
        return CommandLines.run(CommandLines.tree("lm", generate), runs, args);
    }

    private static void assertUsageError(CommandLines.Result result, String message, String command) {
        assertEquals(2, result.exitCode(), result.err());
        assertEquals("error: " + message + "\nTry '" + command + " --help' for more information.\n", result.err());
        assertEquals("", result.out());
        assertFalse(result.stackTrace());
    }

    @Test
    void anUnknownOptionIsOneLineAndAPointerToHelpNotTheUsageText() {
        assertUsageError(run("lm", "generate", "--model", "m", "--frobnicate"), "Unknown option: '--frobnicate'", "timelapse lm generate");
    }

    @Test
    void aBadValueNamesTheOption() {
        assertUsageError(run("lm", "generate", "--new-tokens", "many"),
                "Invalid value for option '--new-tokens': 'many' is not an int", "timelapse lm generate");
    }

    @Test
    void anUnknownLogLevelIsRefusedWithTheValidOnes() {
        assertUsageError(run("lm", "generate", "--log-level", "LOUD"),
                "--log-level LOUD: not a log level; use ERROR, WARN, INFO, DEBUG or TRACE", "timelapse lm generate");
        assertEquals(0, run("lm", "generate", "--log-level", "debug").exitCode());
    }

    @Test
    void anUnknownCommandIsAnErrorEvenWithHelp() {
        assertUsageError(run("no-such-command", "--help"), "Unknown command: 'no-such-command'; the commands of 'timelapse' are lm",
                "timelapse");
        assertUsageError(run("lm", "generat"), "Unknown command: 'generat'; the commands of 'timelapse lm' are generate", "timelapse lm");
    }

    @Test
    void aMisspelledOptionGetsASuggestion() {
        CommandLines.Result result = run("lm", "generate", "--mode", "m");
        assertEquals("error: Unknown options: '--mode', 'm'\nPossible solutions: --model\n"
                + "Try 'timelapse lm generate --help' for more information.\n", result.err());
    }

    @Test
    void aGroupWithoutItsCommandSaysWhichItHas() {
        assertUsageError(run("lm"), "Missing required subcommand: one of generate", "timelapse lm");
        assertUsageError(run(), "Missing required subcommand: one of lm", "timelapse");
    }

    @Test
    void aUsageErrorFoundByTheCommandExitsTwoAndIsRecorded() {
        assertUsageError(run("lm", "generate", "--new-tokens", "-3"), "--new-tokens -3: must be at least 0", "timelapse lm generate");
        assertEquals("generate 2 --new-tokens -3: must be at least 0", runs.recorded);
    }

    @Test
    void aMissingFileNamesItsOptionAndWhatIsWrong() {
        generate.failure = new NoSuchFileException("models/pythia");
        CommandLines.Result result = run("lm", "generate", "--model", "models/pythia");
        assertEquals(1, result.exitCode());
        assertEquals("error: --model models/pythia: no such file or directory\n", result.err());
        assertFalse(result.stackTrace());
        assertEquals("generate 1 --model models/pythia: no such file or directory", runs.recorded);
    }

    @Test
    void aFileInsideADirectoryOptionNamesBoth() {
        generate.failure = new AccessDeniedException(Path.of("runs", "a", "run.json").toString());
        CommandLines.Result result = run("lm", "generate", "--out", "runs/a");
        assertEquals("error: --out runs/a: runs/a/run.json: permission denied\n", result.err());
    }

    @Test
    void aFileNoOptionNamesIsStillDescribed() {
        generate.failure = new java.io.UncheckedIOException("cannot update", new NoSuchFileException("/tmp/elsewhere/x"));
        assertEquals("error: /tmp/elsewhere/x: no such file or directory\n", run("lm", "generate").err());
    }

    @Test
    void anExceptionWithoutMessageSaysWhereToLookNotAStackTrace() {
        generate.failure = new NullPointerException();
        CommandLines.Result result = run("lm", "generate");
        assertEquals(1, result.exitCode());
        assertEquals("error: internal error: NullPointerException (--log-level DEBUG shows the details)\n", result.err());
    }

    @Test
    void aSuccessfulCommandRecordsNothing() {
        assertEquals(0, run("lm", "generate").exitCode());
        assertNull(runs.recorded);
    }

    /** Remembers the failure the shell records. */
    static final class RecordingRuns implements RunService {
        String recorded;

        @Override
        public void failed(CommandSpec spec, int exitCode, String error) {
            recorded = spec.name() + " " + exitCode + " " + error;
        }

        @Override
        public Run start(CommandSpec spec, CommonOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Run startInDefaultDirectory(CommandSpec spec, CommonOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Run resume(CommandSpec spec, CommonOptions options) throws IOException {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void everyCommandOfTheTreeHandlesErrorsTheSameWay() {
        CommandLine root = CommandLines.tree("lm", generate);
        CommandLines.run(root, runs, "--help");
        generate.failure = new NoSuchFileException("x");
        int code = root.getSubcommands().get("lm").execute("generate", "--model", "x");
        assertEquals(1, code, "a command line executed on a group, as timelapse demo does, is handled alike");
    }
}
