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
        return manifest(run).get("results");
    }

    private static JsonNode manifest(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("run.json").toFile());
    }

    @Test
    void recordsEveryWayOfReadingAndTheIndexMapsWithoutNumpy() throws IOException {
        Path out = tmp.resolve("run");
        Result result = bench("--no-numpy", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        JsonNode results = results(out);
        assertTrue(results.get("machine").asText().contains("cores"), results.toString());
        assertEquals("CPU (test CPU)", manifest(out).get("device").asText());
        assertTrue(results.has("load_average_before") && results.has("load_average_after"));
        assertEquals("--no-numpy was given", results.get("numpy_not_measured").asText());
        assertEquals("not measured: not asked for (--cold)", results.get("reads_cold").asText());
        assertEquals(8, results.get("reads_batch_rows").asInt());
        assertEquals(16, results.get("reads_row_tokens").asInt());
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
        JsonNode rows = results.get("metrics");
        assertEquals(19 + 3 + 4, rows.size(), "a row per read, per read into new arrays allocated alone and per index map");
        assertEquals(List.of("alloc_only_read_rows_fresh", "alloc_only_row_fresh", "alloc_only_uint16_fresh"),
                List.of(rows.get(19).get("metric").asText(), rows.get(20).get("metric").asText(), rows.get(21).get("metric").asText()));
        assertEquals(2, rows.get(21).get("repeats").asInt());
        JsonNode first = rows.get(0);
        assertEquals("reads_uint16_read_rows_reused_warm", first.get("metric").asText());
        assertEquals("ms", first.get("unit").asText());
        assertEquals(2, first.get("repeats").asInt());
        assertEquals(results.get("reads_uint16_read_rows_reused_warm_ms_median").asDouble(), first.get("ours_median").asDouble());
        assertTrue(first.get("reference").isNull() && first.get("speedup").isNull(), first.toString());
        assertEquals(List.of("index_map_doc_idx", "index_map_sample_idx", "index_map_shuffle_idx", "index_map_total"),
                List.of(rows.get(22).get("metric").asText(), rows.get(23).get("metric").asText(), rows.get(24).get("metric").asText(),
                        rows.get(25).get("metric").asText()));
        assertEquals(1, rows.get(25).get("repeats").asInt());
        assertEquals(300 <= results.get("index_map_samples").asLong(), true);
        double total = results.get("index_map_total_s_median").asDouble();
        assertTrue(total > 0 && total == results.get("index_map_total_s_min").asDouble() && total == results.get("index_map_total_s_max").asDouble());
        assertTrue(result.out().contains("read_rows_reused  TrainingData.readRows -> reused int[]"), result.out());
        assertTrue(result.out().contains("memmap[rows].astype(int64)"), result.out());
        assertTrue(result.out().contains("load average"), result.out());
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
                "reads_int32_read_row_random_warm_speedup_vs_numpy", "index_map_total_speedup_vs_numpy",
                "numpy_reads_uint16_uint16_reused_warm_ms_median", "numpy_index_map_total_s_median")) {
            assertTrue(results.get(key).asDouble() > 0, key + " in " + results);
        }
        assertTrue(results.get("numpy_version").asText().matches("\\d+\\..*"), results.toString());
        assertFalse(results.has("numpy_not_measured"), results.toString());
        JsonNode first = results.get("metrics").get(0);
        assertEquals("numpy", first.get("reference").asText());
        assertEquals(2, first.get("repeats").asInt());
        assertEquals(first.get("reference_median").asDouble() / first.get("ours_median").asDouble(), first.get("speedup").asDouble(),
                1e-4 * first.get("speedup").asDouble());
        assertEquals(results.get("numpy_reads_uint16_read_rows_reused_warm_ms_max").asDouble(), first.get("reference_max").asDouble());
    }

    @Test
    void aPythonThatCannotStartIsANoteNotAFailure() throws IOException {
        Path out = tmp.resolve("run");
        Result result = bench("--parts", "index-map", "--python", tmp.resolve("no-python").toString(), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(results(out).get("numpy_not_measured").asText().contains("cannot be started"), results(out).toString());
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
