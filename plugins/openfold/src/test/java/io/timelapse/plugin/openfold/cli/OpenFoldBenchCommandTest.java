package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.plugin.openfold.testing.TestCompute;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench openfold}'s errors and what it records, on the micro model at a small crop; no speed is checked. */
class OpenFoldBenchCommandTest {

    @TempDir
    Path tmp;

    private CommandTester.Result bench(String... args) {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        return tester.execute("bench", new OpenFoldBenchCommand(TestCompute.SERVICE, tester.runs()), args);
    }

    private boolean noRun() {
        return !Files.exists(tmp.resolve("runs")) || tmp.resolve("runs").toFile().list().length == 0;
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyRun() {
        assertUsageError("error: --preset huge: not a preset; use one of ", "--preset", "huge");
        assertUsageError("error: --crop 0: must be at least 1", "--crop", "0");
        assertUsageError("error: --repeats 0: must be at least 1", "--repeats", "0");
        assertUsageError("error: --warmup -1: must be 0 or more", "--warmup", "-1");
        assertUsageError("error: --memory-preset big: not a preset;", "--memory-preset", "big");
        assertUsageError("error: --memory-crops 0: every crop must be at least 1", "--memory-crops", "64,0");
        assertUsageError("error: --memory-timeout 0.0: must be a positive number of seconds", "--memory-timeout", "0");
        assertUsageError("error: --memory-limit -5.0: must be a positive number of MiB", "--memory-limit", "-5");
        assertTrue(noRun(), "no run directory");
    }

    private void assertUsageError(String start, String... args) {
        CommandTester.Result result = bench(args);
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().startsWith(start), result.err());
        assertFalse(result.stackTrace(), result.err());
    }

    @Test
    void recordsTheStepItsPartsTheForwardAndTheAnchorAsNotMeasured() throws IOException {
        Path out = tmp.resolve("bench");
        CommandTester.Result result = bench("--preset", "micro", "--crop", "12", "--repeats", "1", "--warmup", "0", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("results");
        assertEquals("micro", results.path("preset").asText());
        assertEquals(12, results.path("crop").asInt());
        assertTrue(results.path("step_gflop").asDouble() > 0, results.toString());
        assertTrue(results.path("forward_gflop").asDouble() > 0, results.toString());
        assertTrue(results.path("step_gflop").asDouble() > results.path("forward_gflop").asDouble(), results.toString());
        assertTrue(results.path("parameters").asLong() > 0, results.toString());
        for (String metric : List.of("training_step_s", "forward_s")) {
            for (String figure : List.of("min", "median", "max")) {
                assertTrue(results.path(metric + "_" + figure).asDouble() > 0, metric + " " + figure + ": " + results);
            }
        }
        for (String part : List.of("evoformer_part_s", "structure_module_part_s", "losses_part_s", "backward_optimizer_part_s")) {
            assertTrue(results.has(part), part + ": " + results);
        }
        assertTrue(results.path("training_step_fraction_of_matmul").asDouble() > 0, results.toString());
        assertTrue(results.path("anchor_openfold_pytorch_step_s").asText().contains("NOT measured in this run"), results.toString());
        assertTrue(results.path("pytorch_not_measured").asText().contains("not installed"), results.toString());
        assertTrue(results.path("peak_memory_not_measured").asText().contains("distribution"), results.toString());
        assertEquals(2, results.path("metrics").size());
        assertEquals(1, results.path("metrics").get(0).path("repeats").asInt());
        assertTrue(result.out().contains("training_step"), result.out());
    }

    @Test
    void theMemoryChildRecordsItsOwnPeak() throws IOException {
        Path out = tmp.resolve("child");
        CommandTester.Result result = bench("--step-only", "--preset", "micro", "--crop", "8", "--repeats", "1", "--warmup", "0",
                "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("results");
        assertTrue(results.path("peak_rss_mib").asDouble() > 0, results.toString());
        assertTrue(results.path("training_step_s_median").asDouble() > 0, results.toString());
        assertFalse(results.has("matmul_2048_gflops"), "the child measures the step only: " + results);
    }
}
