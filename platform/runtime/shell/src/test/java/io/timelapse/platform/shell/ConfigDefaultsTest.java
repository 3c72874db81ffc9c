package io.timelapse.platform.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class ConfigDefaultsTest {

    @TempDir
    Path dir;

    @Command(name = "index", mixinStandardHelpOptions = true)
    static final class Index implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--seq-length", defaultValue = "2048", description = "Tokens per sample.")
        int seqLength;

        @Option(names = "--split", description = "Train, validation and test weights.")
        String split;

        @Override
        public Integer call() {
            return 0;
        }
    }

    @DefaultSeed(1234)
    @Command(name = "samples", mixinStandardHelpOptions = true)
    static final class Samples implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private final Index index = new Index();
    private final Samples samples = new Samples();

    private CommandLines.Result run(String... args) {
        return CommandLines.run(CommandLines.tree("pythia", new Index(), new Samples()), null, args);
    }

    private CommandLines.Result runIndex(String... args) {
        return CommandLines.run(CommandLines.tree("pythia", index), null, prefixed("index", args));
    }

    private CommandLines.Result runSamples(String... args) {
        return CommandLines.run(CommandLines.tree("pythia", samples), null, prefixed("samples", args));
    }

    private static String[] prefixed(String command, String... args) {
        String[] line = new String[args.length + 2];
        line[0] = "pythia";
        line[1] = command;
        System.arraycopy(args, 0, line, 2, args.length);
        return line;
    }

    private Path config(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    @Test
    void topLevelKeysSetDefaults() throws IOException {
        Path config = config("{\"seq-length\": 64, \"seed\": 7}");
        assertEquals(0, runIndex("--config", config.toString()).exitCode());
        assertEquals(64, index.seqLength);
        assertEquals(7, index.common.seed());
    }

    @Test
    void commandSectionWinsOverTopLevelAndCommandLineWinsOverBoth() throws IOException {
        Path config = config("{\"seq-length\": 64, \"pythia index\": {\"seq-length\": 128, \"split\": \"969,30,1\"}}");
        assertEquals(0, runIndex("--config", config.toString()).exitCode());
        assertEquals(128, index.seqLength);
        assertEquals("969,30,1", index.split);
        assertEquals(0, runIndex("--config=" + config, "--seq-length", "256").exitCode());
        assertEquals(256, index.seqLength);
    }

    @Test
    void withoutConfigTheDeclaredDefaultsApply() {
        assertEquals(0, runIndex().exitCode());
        assertEquals(2048, index.seqLength);
        assertEquals(0, index.common.seed(), "a command that declares no seed gets 0");
    }

    @Test
    void theSeedACommandDeclaresIsItsDefaultEverywhere() throws IOException {
        assertEquals(0, runSamples().exitCode());
        assertEquals(1234, samples.common.seed());
        assertEquals(0, runSamples("--seed", "0").exitCode());
        assertEquals(0, samples.common.seed(), "an explicit 0 is a seed like any other");
        assertEquals(0, runSamples("--config", config("{\"seed\": 7}").toString()).exitCode());
        assertEquals(7, samples.common.seed(), "a seed in --config counts like one on the command line");
        assertEquals(0, runSamples("--config", config("{\"seed\": 7}").toString(), "--seed", "9").exitCode());
        assertEquals(9, samples.common.seed());
    }

    @Test
    void helpShowsTheSeedThatWillBeUsed() {
        CommandLines.Result help = run("pythia", "samples", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("(default: 1234)"), help.out());
        assertTrue(run("pythia", "index", "--help").out().contains("(default: 0)"));
    }

    @Test
    void unknownKeyIsAUsageErrorNamingFileAndKey() throws IOException {
        Path config = config("{\"seq-lenght\": 64}");
        CommandLines.Result result = runIndex("--config", config.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: --config " + config + ": [seq-lenght] name no option of 'pythia index'"), result.err());
        assertTrue(result.err().endsWith("Try 'timelapse pythia index --help' for more information.\n"), result.err());
        assertFalse(result.stackTrace(), result.err());
    }

    @Test
    void malformedJsonIsAUsageErrorNamingFileAndPosition() throws IOException {
        Path config = config("{\"seq-length\": 64,\n \"seed\" 7}");
        CommandLines.Result result = runIndex("--config", config.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: --config " + config + ": not valid JSON at line 2"), result.err());
        assertTrue(result.err().contains("Try 'timelapse pythia index --help'"), result.err());
        assertFalse(result.stackTrace(), result.err());
    }

    @Test
    void missingFileDirectoryAndNonObjectAreUsageErrors() throws IOException {
        Path missing = dir.resolve("absent.json");
        CommandLines.Result absent = runIndex("--config", missing.toString());
        assertEquals(2, absent.exitCode());
        assertTrue(absent.err().startsWith("error: --config " + missing + ": no such file\n"), absent.err());
        CommandLines.Result directory = runIndex("--config", dir.toString());
        assertTrue(directory.err().startsWith("error: --config " + dir + ": is a directory\n"), directory.err());
        CommandLines.Result array = runIndex("--config", config("[1, 2]").toString());
        assertEquals(2, array.exitCode());
        assertTrue(array.err().contains("expected a JSON object"), array.err());
        assertFalse(absent.stackTrace() || directory.stackTrace() || array.stackTrace());
    }
}
