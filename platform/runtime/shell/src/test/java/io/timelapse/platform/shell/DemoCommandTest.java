package io.timelapse.platform.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.platform.runs.RunServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

class DemoCommandTest {

    @TempDir
    Path dir;

    /** A plugin's demo with gpt-neox's default seed; it writes the seed it used. */
    @DefaultSeed(1234)
    @Command(name = "demo", mixinStandardHelpOptions = true, description = "A demo.")
    static final class PluginDemo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        final RunService runs;
        final boolean fail;

        PluginDemo(RunService runs, boolean fail) {
            this.runs = runs;
            this.fail = fail;
        }

        @Override
        public Integer call() throws IOException {
            try (Run run = runs.start(spec, common)) {
                if (fail) {
                    throw new NoSuchFileException(run.directory().resolve("corpus.txt").toString());
                }
                run.result("seed", common.seed());
                run.succeeded();
            }
            return 0;
        }
    }

    private RunService runs;

    private CommandLines.Result timelapse(boolean failingDemo, String... args) {
        runs = RunServices.create(dir.resolve("runs"), Map.of("timelapse", "test"));
        CommandLine root = CommandLines.tree("pythia", new PluginDemo(runs, false));
        CommandLine other = new CommandLine(new PluginGroupCommand());
        other.getCommandSpec().name("openfold");
        other.addSubcommand(new CommandLine(new PluginDemo(runs, failingDemo)));
        root.addSubcommand(other);
        root.addSubcommand(new CommandLine(new DemoCommand()));
        return CommandLines.run(root, runs, args);
    }

    private static JsonNode manifest(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("run.json").toFile());
    }

    @Test
    void eachDemoUsesTheSeedItUsesOnItsOwnAndRecordsWhatTheUserTyped() throws IOException {
        Path out = dir.resolve("demo");
        CommandLines.Result result = timelapse(false, "demo", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("All 2 demos succeeded."), result.out());

        JsonNode pythia = manifest(out.resolve("pythia"));
        assertEquals(1234, pythia.get("seed").asLong());
        assertEquals("[\"timelapse\",\"pythia\",\"demo\",\"--out\",\"" + out.resolve("pythia") + "\"]", pythia.get("commandLine").toString());
        assertEquals("[\"timelapse\",\"demo\",\"--out\",\"" + out + "\"]", pythia.get("invokedAs").toString());

        Path alone = dir.resolve("alone");
        assertEquals(0, timelapse(false, "pythia", "demo", "--out", alone.toString()).exitCode());
        assertEquals(pythia.get("results"), manifest(alone).get("results"), "the same demo alone gives the same results");
        assertFalse(manifest(alone).has("invokedAs"));
    }

    @Test
    void aSeedTheUserGivesReachesEveryDemo() throws IOException {
        Path out = dir.resolve("demo");
        assertEquals(0, timelapse(false, "demo", "--seed", "5", "--out", out.toString()).exitCode());
        assertEquals(5, manifest(out.resolve("pythia")).get("seed").asLong());
        assertEquals(5, manifest(out.resolve("openfold")).get("seed").asLong());
    }

    @Test
    void aFailedDemoIsNamedAndItsRunRecordsWhy() throws IOException {
        Path out = dir.resolve("demo");
        CommandLines.Result result = timelapse(true, "demo", "--out", out.toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.out().contains("Failed demos: openfold (exit 1)"), result.out());
        Path corpus = out.resolve("openfold").resolve("corpus.txt");
        assertTrue(result.err().contains("error: --out " + out.resolve("openfold") + ": " + corpus + ": no such file or directory"), result.err());
        JsonNode failed = manifest(out.resolve("openfold"));
        assertEquals("failed", failed.get("status").asText());
        assertEquals("--out " + out.resolve("openfold") + ": " + corpus + ": no such file or directory", failed.get("error").asText());
        assertTrue(Files.exists(out.resolve("pythia").resolve("run.json")));
    }
}
