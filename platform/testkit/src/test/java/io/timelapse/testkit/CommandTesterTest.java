package io.timelapse.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The tester runs commands through the shell's own code: plugin tests see what users see. */
class CommandTesterTest {

    @TempDir
    Path dir;

    /** Trains for {@code --steps}, resuming a run in {@code --out}; reads {@code --data}. */
    @DefaultSeed(1234)
    @Command(name = "train", mixinStandardHelpOptions = true, description = "Train a model.")
    static final class Train implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--steps", defaultValue = "60", description = "Optimizer steps.")
        long steps;

        @Option(names = "--data", paramLabel = "FILE", description = "Token rows.")
        Path data;

        private final RunService runs;

        Train(RunService runs) {
            this.runs = runs;
        }

        @Override
        public Integer call() throws IOException {
            try (Run run = runs.resume(spec, common)) {
                if (run.complete()) {
                    spec.commandLine().getOut().println("complete: loss " + run.results().get("loss"));
                    return 0;
                }
                if (data != null) {
                    run.input(data);
                }
                run.result("loss", 2.5);
                run.succeeded();
            }
            return 0;
        }
    }

    private CommandTester tester;

    @BeforeEach
    void tester() {
        tester = new CommandTester(dir.resolve("runs"));
    }

    private CommandTester.Result train(String... args) {
        return tester.execute("lm", new Train(tester.runs()), args);
    }

    private static JsonNode manifest(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("run.json").toFile());
    }

    @Test
    void theDeclaredSeedIsUsedAndRecorded() throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, train("--out", out.toString()).exitCode());
        assertEquals(1234, manifest(out).get("seed").asLong());
    }

    @Test
    void usageErrorsLookAsTheyDoForUsers() {
        CommandTester.Result result = train("--steps", "many");
        assertEquals(2, result.exitCode());
        assertEquals("error: Invalid value for option '--steps': 'many' is not a long\n"
                + "Try 'timelapse lm train --help' for more information.\n", result.err());
        assertFalse(result.stackTrace());
    }

    @Test
    void aMissingInputNamesItsOptionAndTheRunRecordsIt() throws IOException {
        Path out = dir.resolve("run");
        Path missing = dir.resolve("rows.npy");
        CommandTester.Result result = train("--out", out.toString(), "--data", missing.toString());
        assertEquals(1, result.exitCode());
        assertEquals("error: --data " + missing + ": no such file or directory\n", result.err());
        assertFalse(result.stackTrace());
        JsonNode run = manifest(out);
        assertEquals("failed", run.get("status").asText());
        assertEquals("--data " + missing + ": no such file or directory", run.get("error").asText());
    }

    @Test
    void aFinishedRunIsReportedNotRedoneAndAChangedOptionIsRefused() throws IOException {
        Path out = dir.resolve("run");
        assertEquals(0, train("--out", out.toString()).exitCode());
        byte[] finished = Files.readAllBytes(out.resolve("run.json"));

        CommandTester.Result again = train("--out", out.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertEquals("complete: loss 2.5\n", again.out());

        CommandTester.Result changed = train("--out", out.toString(), "--steps", "80");
        assertEquals(2, changed.exitCode());
        assertTrue(changed.err().startsWith("error: --out " + out + " holds a run of 'lm train' with --steps 60; "
                + "this command line has --steps 80: "), changed.err());
        assertArrayEquals(finished, Files.readAllBytes(out.resolve("run.json")));
    }

    @Test
    void aPlatformCommandRunsAtTheTopLevel() {
        CommandTester.Result result = tester.executeTopLevel(new Train(tester.runs()), "--help");
        assertEquals(0, result.exitCode());
        assertTrue(result.out().startsWith("Usage: timelapse train "), result.out());
    }
}
