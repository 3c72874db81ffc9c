package io.timelapse.plugin.pythia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.plugin.pythia.Fixtures;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import io.timelapse.testkit.PluginCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One rule for the seed: the default that {@code --help} shows is the one used, a seed from the command line or from
 * {@code --config} is used alike, and {@code run.json} records the one used; the index maps are named after it.
 */
class SeedTest {

    /** The fixture's blend route without a seed. */
    static final List<String> ROUTE = List.of("--train-data-paths", Fixtures.corpusPrefix().toString(), "--train-iters", "120",
            "--global-batch-size", "8", "--seq-length", "64");

    @TempDir
    Path tmp;

    private CommandTester tester;

    @BeforeEach
    void setUp() {
        tester = new CommandTester(tmp.resolve("runs"));
    }

    private Result index(Path out, String... more) {
        List<String> args = new ArrayList<>(ROUTE);
        args.addAll(List.of("--out", out.toString()));
        args.addAll(Arrays.asList(more));
        return tester.execute("pythia", new IndexCommand(tester.runs()), args.toArray(String[]::new));
    }

    /** The seed in the names of the index maps a run directory holds. */
    private static long mapSeed(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<String> seeds = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith("_doc_idx.npy"))
                    .map(n -> n.replaceFirst(".*_(\\d+)s_doc_idx\\.npy", "$1")).distinct().toList();
            assertEquals(1, seeds.size(), "seeds in the index-map names: " + seeds);
            return Long.parseLong(seeds.get(0));
        }
    }

    private static void assertSeedUsedAndRecorded(long expected, Path out) throws IOException {
        JsonNode run = RunFiles.read(out.resolve("run.json"));
        assertEquals("succeeded", run.get("status").asText());
        assertEquals(expected, run.get("seed").asLong(), "run.json seed");
        assertEquals(expected, run.get("config").get("seed").asLong(), "run.json config.seed");
        assertEquals(expected, mapSeed(out), "seed of the index maps");
    }

    @Test
    void theCommandsThatUseASeedDefaultToGptNeoxs() {
        Map<String, Long> defaults = new TreeMap<>();
        for (Class<? extends PluginCommand> type : PluginCommands.in(PythiaPlugin.class)) {
            DefaultSeed seed = type.getAnnotation(DefaultSeed.class);
            if (seed != null) {
                defaults.put(type.getSimpleName(), seed.value());
            }
        }
        assertEquals(Map.of("BenchCommand", 1234L, "DemoCommand", 1234L, "IndexCommand", 1234L, "LocateCommand", 1234L, "PreshuffleCommand", 1234L,
                "SamplesCommand", 1234L), defaults);
    }

    @Test
    void aSeedOnTheCommandLineIsUsedAndRecorded() throws IOException {
        Path out = tmp.resolve("seed7");
        Result result = index(out, "--seed", "7");
        assertEquals(0, result.exitCode(), result.err());
        assertSeedUsedAndRecorded(7, out);
        // 0 is a seed like any other, not "use the default".
        Path zero = tmp.resolve("seed0");
        assertEquals(0, index(zero, "--seed", "0").exitCode());
        assertSeedUsedAndRecorded(0, zero);
    }

    /** Needs a CommandTester that reads --config, as the shell does. */
    @Test
    void aSeedInTheConfigIsUsedAndRecorded() throws IOException {
        Path config = tmp.resolve("config.json");
        Files.writeString(config, "{\"seed\": 7}");
        Path out = tmp.resolve("config7");
        Result result = index(out, "--config", config.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertSeedUsedAndRecorded(7, out);
    }

    /** Needs the shell and CommandTester to apply @DefaultSeed. */
    @Test
    void withoutASeedGptNeoxsDefaultIsUsedAndRecorded() throws IOException {
        Path out = tmp.resolve("default");
        Result result = index(out);
        assertEquals(0, result.exitCode(), result.err());
        assertSeedUsedAndRecorded(1234, out);
        assertTrue(Files.isRegularFile(out.resolve(Fixtures.INDEX_MAP_BASE + "_shuffle_idx.npy")));

        Path demo = tmp.resolve("demo");
        Result demoResult = tester.execute("pythia", new DemoCommand(tester.runs()), "--out", demo.toString());
        assertEquals(0, demoResult.exitCode(), demoResult.err());
        assertEquals(1234, RunFiles.read(demo.resolve("run.json")).get("seed").asLong());
        assertEquals(1234, mapSeed(demo.resolve("indexmaps")));
    }

    /** Needs the shell and CommandTester to apply @DefaultSeed. */
    @Test
    void helpShowsTheDefaultThatIsUsed() {
        for (Object command : List.of(new IndexCommand(tester.runs()), new SamplesCommand(tester.runs()), new LocateCommand(tester.runs()),
                new DemoCommand(tester.runs()))) {
            Result help = tester.execute("pythia", command, "--help");
            assertEquals(0, help.exitCode(), help.err());
            String seedHelp = help.out().substring(help.out().indexOf("--seed=N"));
            assertTrue(seedHelp.replaceAll("\\s+", " ").contains("(default: 1234)"), help.out());
        }
    }
}
