package io.timelapse.platform.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.cli.CommonOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class ConfigDefaultsTest {

    @TempDir
    Path dir;

    @Command(name = "timelapse")
    static final class Root {}

    @Command(name = "pythia")
    static final class Group {}

    @Command(name = "index")
    static final class Index implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--seq-length", defaultValue = "2048")
        int seqLength;

        @Option(names = "--split")
        String split;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private Index index;
    private final StringWriter err = new StringWriter();

    private int run(String... args) throws IOException {
        index = new Index();
        CommandLine root = new CommandLine(new Root())
                .addSubcommand(new CommandLine(new Group()).addSubcommand(new CommandLine(index)));
        ConfigDefaults defaults = ConfigDefaults.from(args);
        root.setDefaultValueProvider(defaults);
        root.setExecutionStrategy(defaults.validatingBefore(new CommandLine.RunLast()));
        root.setErr(new PrintWriter(err));
        return root.execute(args);
    }

    private Path config(String json) throws IOException {
        return Files.writeString(dir.resolve("config.json"), json);
    }

    @Test
    void topLevelKeysSetDefaults() throws IOException {
        Path config = config("{\"seq-length\": 64, \"seed\": 7}");
        assertEquals(0, run("pythia", "index", "--config", config.toString()));
        assertEquals(64, index.seqLength);
        assertEquals(7, index.common.seed());
    }

    @Test
    void commandSectionWinsOverTopLevelAndCommandLineWinsOverBoth() throws IOException {
        Path config = config("{\"seq-length\": 64, \"pythia index\": {\"seq-length\": 128, \"split\": \"969,30,1\"}}");
        assertEquals(0, run("pythia", "index", "--config", config.toString()));
        assertEquals(128, index.seqLength);
        assertEquals("969,30,1", index.split);
        assertEquals(0, run("pythia", "index", "--config=" + config, "--seq-length", "256"));
        assertEquals(256, index.seqLength);
    }

    @Test
    void withoutConfigTheDeclaredDefaultsApply() throws IOException {
        assertEquals(0, run("pythia", "index"));
        assertEquals(2048, index.seqLength);
    }

    @Test
    void unknownKeyIsAUsageErrorNamingFileAndKey() throws IOException {
        Path config = config("{\"seq-lenght\": 64}");
        assertEquals(2, run("pythia", "index", "--config", config.toString()));
        assertTrue(err.toString().contains(config.toString()), err.toString());
        assertTrue(err.toString().contains("[seq-lenght] name no option of 'pythia index'"), err.toString());
    }

    @Test
    void malformedJsonNamesFileAndPosition() throws IOException {
        Path config = config("{\"seq-length\": 64,\n \"seed\" 7}");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ConfigDefaults.from(new String[] {"--config", config.toString()}));
        assertTrue(error.getMessage().startsWith("--config " + config + ": not valid JSON at line 2"), error.getMessage());
    }

    @Test
    void missingFileAndNonObjectAreRefused() throws IOException {
        Path missing = dir.resolve("absent.json");
        assertThrows(IllegalArgumentException.class, () -> ConfigDefaults.from(new String[] {"--config", missing.toString()}));
        Path array = config("[1, 2]");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ConfigDefaults.from(new String[] {"--config", array.toString()}));
        assertTrue(error.getMessage().contains("expected a JSON object"), error.getMessage());
    }
}
