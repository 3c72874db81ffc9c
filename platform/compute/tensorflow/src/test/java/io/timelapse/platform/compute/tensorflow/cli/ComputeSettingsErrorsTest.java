package io.timelapse.platform.compute.tensorflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.timelapse.platform.compute.tensorflow.TensorFlowComputeService;
import io.timelapse.testkit.CommandTester;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A compute setting that is not understood fails the command with one line naming it, and leaves no run behind. */
class ComputeSettingsErrorsTest {

    @TempDir
    Path runs;

    @AfterEach
    void clearSettings() {
        System.clearProperty("timelapse.compute.device");
        System.clearProperty("timelapse.compute.threads");
        System.clearProperty("timelapse.compute.interOpThreads");
    }

    @Test
    void unknownDevice() {
        System.setProperty("timelapse.compute.device", "TPU");
        CommandTester.Result result = new CommandTester(runs).execute("timelapse", new DeviceCommand(new TensorFlowComputeService()));
        assertFailed(result, "error: -Dtimelapse.compute.device 'TPU': expected CPU, GPU or GPU:n (n = 0, 1, …)\n");
    }

    @Test
    void gpuIndexThatIsNoNumber() {
        System.setProperty("timelapse.compute.device", "GPU:first");
        CommandTester.Result result = new CommandTester(runs).execute("timelapse", new DeviceCommand(new TensorFlowComputeService()));
        assertFailed(result, "error: -Dtimelapse.compute.device 'GPU:first': expected CPU, GPU or GPU:n (n = 0, 1, …)\n");
    }

    @Test
    void threadsThatAreNoNumber() {
        System.setProperty("timelapse.compute.threads", "lots");
        CommandTester tester = new CommandTester(runs);
        CommandTester.Result result = tester.execute("bench", new ComputeBenchmark(new TensorFlowComputeService(), tester.runs()),
                "--out", runs.resolve("bench").toString());
        assertFailed(result, "error: -Dtimelapse.compute.threads 'lots': expected a number of threads (0 lets TensorFlow choose)\n");
        assertFalse(Files.exists(runs.resolve("bench")), "no run directory for a command that could not start");
    }

    @Test
    void negativeInterOpThreads() {
        System.setProperty("timelapse.compute.interOpThreads", "-2");
        CommandTester.Result result = new CommandTester(runs).execute("timelapse", new DeviceCommand(new TensorFlowComputeService()));
        assertFailed(result, "error: -Dtimelapse.compute.interOpThreads '-2': expected a number of threads (0 lets TensorFlow choose)\n");
    }

    private static void assertFailed(CommandTester.Result result, String error) {
        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(error, result.err());
        assertEquals("", result.out());
        assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
    }
}
