package io.timelapse.platform.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.platform.compute.tensorflow.TensorFlowComputeService;
import io.timelapse.platform.compute.tensorflow.runtime.ComputeSettings;
import io.timelapse.platform.lm.model.NeoXModels;
import io.timelapse.testkit.CommandTester;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench lm}'s bad input; the benchmark itself is run by {@link LmBenchMain}, not by a test. */
class LmBenchmarkTest {

    @TempDir
    Path tmp;

    @Test
    void fewerThanOneRepeatIsAUsageErrorBeforeAnyRun() {
        assertUsageError("error: --repeats 0: must be at least 1", "--repeats", "0");
    }

    @Test
    void anEmptyScoringBatchIsAUsageErrorBeforeAnyRun() {
        assertUsageError("error: --score-batch 0: must be at least 1", "--score-batch", "0");
    }

    @Test
    void aGpuRateThatIsNotPositiveIsAUsageErrorBeforeAnyRun() {
        assertUsageError("error: --gpu-tflops -1.0: must be a positive number", "--gpu-tflops", "-1");
        assertUsageError("error: --gpu-tflops NaN: must be a positive number", "--gpu-tflops", "NaN");
    }

    private void assertUsageError(String message, String... args) {
        ComputeService compute = new TensorFlowComputeService(new ComputeSettings(-1, 2, 1, false));
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        CommandTester.Result result = tester.execute("bench", new LmBenchmark(new NeoXModels(compute), compute, tester.runs()), args);
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains(message), result.err());
        assertFalse(result.stackTrace(), result.err());
        assertFalse(Files.exists(tmp.resolve("runs")) && tmp.resolve("runs").toFile().list().length > 0, "no run directory");
    }
}
