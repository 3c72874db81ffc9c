package io.timelapse.plugin.pythia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DeviceInfo;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.MemoryUsage;
import io.timelapse.plugin.pythia.bench.ReadWay;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench pythia} at tiny sizes: what it records and its bad input. Speed is not asserted. */
class BenchCommandTest {

    /** A compute service that only describes its device: the benchmark computes nothing on it. */
    private static final ComputeService DEVICE_ONLY = new ComputeService() {
        @Override
        public DeviceInfo device() {
            return new DeviceInfo("CPU", "test CPU", "none", 1, 1, false, "");
        }

        @Override
        public Graph newGraph(long seed) {
            throw new UnsupportedOperationException("the read benchmark builds no graphs");
        }

        @Override
        public MemoryUsage memory() {
            throw new UnsupportedOperationException("not needed");
        }

        @Override
        public Map<String, String> versions() {
            return Map.of("backend", "none");
        }
    };

    private static final String[] TINY = {"--rows", "64", "--batch-size", "8", "--seq-length", "15", "--repeats", "2",
        "--documents", "500", "--samples", "300"};

    @TempDir
    Path tmp;

    private CommandTester tester;

    @BeforeEach
    void setUp() {
        tester = new CommandTester(tmp.resolve("runs"));
    }

    /** Runs the command with {@code args}, and the tiny sizes and --work-dir where {@code args} do not give them. */
    private Result bench(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        List<String> defaults = new ArrayList<>(List.of(TINY));
        defaults.addAll(List.of("--work-dir", tmp.toString()));
        for (int i = 0; i < defaults.size(); i += 2) {
            if (!all.contains(defaults.get(i))) {
                all.addAll(defaults.subList(i, i + 2));
            }
        }
        return tester.execute("bench", new BenchCommand(DEVICE_ONLY, tester.runs()), all.toArray(String[]::new));
    }

    private static JsonNode results(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("run.json").toFile()).get("results");
    }

    @Test
    void recordsEveryWayOfReadingAndTheIndexMapsWithoutNumpy() throws IOException {
        Path out = tmp.resolve("run");
        Result result = bench("--no-numpy", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        JsonNode results = results(out);
        assertTrue(results.get("machine").asText().contains("cores"), results.toString());
        assertEquals("CPU (test CPU)", results.get("device").asText());
        assertTrue(results.has("load_average_before") && results.has("load_average_after"));
        assertEquals("not measured (--no-numpy)", results.get("numpy").asText());
        assertEquals("not measured: not asked for (--cold)", results.get("reads_cold").asText());
        int ways = 0;
        for (String corpus : List.of("uint16", "uint16_shards", "int32")) {
            for (ReadWay way : ReadWay.values()) {
                String key = "reads_" + corpus + "_" + way.key() + "_warm_ms";
                if (corpus.equals("int32") && way.uint16Only()) {
                    assertFalse(results.has(key + "_median"), key);
                    continue;
                }
                ways++;
                double min = results.get(key + "_min").asDouble();
                double max = results.get(key + "_max").asDouble();
                assertTrue(min >= 0 && min <= results.get(key + "_median").asDouble() && results.get(key + "_median").asDouble() <= max, key);
                assertFalse(results.has("reads_" + corpus + "_" + way.key() + "_warm_speedup_vs_numpy"));
            }
        }
        assertEquals(19, ways);
        assertEquals(300 <= results.get("index_map_samples").asLong(), true);
        assertTrue(results.get("index_map_total_s").asDouble() > 0);
        assertTrue(result.out().contains("TrainingData.readRows -> reused int[]"), result.out());
        try (var left = Files.list(tmp)) {
            assertEquals(List.of("run"), left.map(p -> p.getFileName().toString()).toList(), "the temporary corpus is deleted");
        }
    }

    /** With numpy installed the same reads and maps are timed by the bundled script, and both sides build the same maps. */
    @Test
    void comparesWithNumpyWhenItIsInstalled() throws IOException, InterruptedException {
        assumeTrue(new ProcessBuilder("/usr/bin/python3", "-c", "import numpy").start().waitFor() == 0, "no python3 with numpy");
        Path out = tmp.resolve("run");
        Result result = bench("--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        JsonNode results = results(out);
        assertTrue(results.get("index_map_matches_numpy").asBoolean(), results.toString());
        for (String key : List.of("reads_uint16_read_rows_reused_warm_speedup_vs_numpy", "reads_uint16_shards_uint16_fresh_warm_speedup_vs_numpy",
                "reads_int32_read_row_random_warm_speedup_vs_numpy", "index_map_total_speedup_vs_numpy", "numpy_uint16_copy_warm_ms_median")) {
            assertTrue(results.get(key).asDouble() > 0, key + " in " + results);
        }
    }

    @Test
    void aPythonThatCannotStartIsANoteNotAFailure() throws IOException {
        Path out = tmp.resolve("run");
        Result result = bench("--parts", "index-map", "--python", tmp.resolve("no-python").toString(), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(results(out).get("numpy").asText().contains("cannot be started"), results(out).toString());
        assertFalse(results(out).has("reads_uint16_read_rows_reused_warm_ms_median"), "reads were not asked for");
    }

    @Test
    void badInputIsAUsageErrorBeforeAnyRun() {
        assertUsage(bench("--parts", "reads,writes"), "--parts reads,writes: unknown part 'writes'; the parts are reads, index-map");
        assertUsage(bench("--repeats", "0"), "--repeats 0: must be at least 1");
        assertUsage(bench("--rows", "4"), "--rows 4: must be between --batch-size (8) and");
        assertUsage(bench("--cold", "--cold-repeats", "3"), "--rows 64: --cold with --cold-repeats 3 reads 42 batches no other read touched,"
                + " so it needs at least 336 rows");
        assertUsage(bench("--work-dir", tmp.resolve("missing").toString()), "--work-dir " + tmp.resolve("missing") + ": not a writable folder");
        assertFalse(Files.exists(tmp.resolve("runs")), "no run directory was started");
    }

    private static void assertUsage(Result result, String message) {
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains(message), result.err());
        assertFalse(result.stackTrace(), result.err());
    }
}
