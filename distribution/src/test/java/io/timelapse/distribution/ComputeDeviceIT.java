package io.timelapse.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compute commands through {@code bin/timelapse}: TensorFlow's native log stays off the terminal, and
 * the device reported and recorded is the one that computes. Runs against whichever distribution the
 * build made: the CPU one, or the GPU one ({@code -Pgpu}) on a machine without a usable GPU, where it
 * must say so and compute on the CPU.
 */
class ComputeDeviceIT {

    private static final Path DISTRIBUTION = Path.of(System.getProperty("timelapse.distribution"));
    /** A line in Abseil's or TensorFlow's own log format, or Abseil's note about its own start. */
    private static final Pattern NATIVE_LOG = Pattern.compile(
            "(?m)^([IWEF]\\d{4} \\d\\d:\\d\\d:\\d+\\.\\d+ |\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+: [IWEF] |WARNING: All log messages before absl)");

    @TempDir
    Path work;

    @Test
    void deviceReportNamesTheDeviceThatComputesAndNoNativeLogReachesTheTerminal() throws Exception {
        Result result = timelapse(Map.of(), "device", "--size", "128", "--repeats", "2");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().startsWith("device:   CPU ("), result.toString());
        assertNoNativeLog(result);
        if (gpuBuild()) {
            assertTrue(result.stdout().contains("backend:  TensorFlow 2.18.0 (GPU build)"), result.toString());
            assertTrue(result.stdout().contains("\nWARNING:  GPU:0 is not usable, so Timelapse computes on the CPU: "
                    + "TensorFlow ran the probe kernel on its CPU:0."), result.toString());
            // TensorFlow's reason once, in the report; stderr gets one line.
            assertEquals(1, count(result.stdout() + result.stderr(), "failed call to cuInit"), result.toString());
            assertTrue(result.stderr().matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  TensorFlowRuntime - GPU:0 is not usable, "
                    + "so Timelapse computes on the CPU; `timelapse device` shows TensorFlow's reason\n"), result.toString());
        } else {
            assertTrue(result.stdout().contains("backend:  TensorFlow 2.18.0 (CPU build)"), result.toString());
            assertFalse(result.stdout().contains("WARNING"), result.toString());
            assertEquals("", result.stderr(), result.toString());
        }
    }

    @Test
    void requestedGpuThatDoesNotComputeIsReportedAsTheCpu() throws Exception {
        Result result = timelapse(Map.of("TIMELAPSE_DEVICE", "GPU:1"), "device", "--size", "128", "--repeats", "1");

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().startsWith("device:   CPU ("), result.toString());
        assertTrue(result.stdout().contains(gpuBuild() ? "\nWARNING:  GPU:1 was requested but is not usable"
                : "\nWARNING:  GPU:1 was requested, but the CPU build of TensorFlow is installed"), result.toString());
        assertNoNativeLog(result);
    }

    @Test
    void quietBenchmarkPrintsItsResultsOnlyAndRecordsTheDeviceUsed() throws Exception {
        Path out = work.resolve("bench");
        Result result = timelapse(Map.of("TIMELAPSE_DEVICE", "CPU"), "bench", "compute", "-q", "--size", "64", "--repeats", "2",
                "--runs", "20", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().startsWith("machine "), result.toString());
        assertTrue(result.stdout().lines().anyMatch(line -> line.matches("matmul_size\\s+64")), result.toString());
        assertTrue(result.stdout().lines().anyMatch(line -> line.matches("matmul\\s+gflops\\s+.* direct_tf .*")), result.toString());
        assertEquals("", result.stderr(), result.toString());
        String record = Files.readString(out.resolve("run.json"));
        assertTrue(record.contains("\"device\" : \"CPU ("), record);
    }

    @Test
    void debugLogLevelShowsTensorFlowsLogInTimelapsesFormat() throws Exception {
        Result result = timelapse(Map.of(), "device", "--log-level", "DEBUG", "--size", "64", "--repeats", "1");

        assertEquals(0, result.exitCode(), result.toString());
        assertNoNativeLog(result);
        assertTrue(result.stderr().contains(" DEBUG TensorFlowRuntime - TensorFlow: mlir_graph_optimization_pass.cc:"), result.toString());
        assertTrue(result.stderr().contains(" DEBUG TensorFlowRuntime - TensorFlow: WARNING: All log messages before absl::InitializeLog()"),
                result.toString());
    }

    @Test
    void unknownDeviceSettingIsOneLine() throws Exception {
        Result result = timelapse(Map.of("TIMELAPSE_DEVICE", "TPU"), "device");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals("error: TIMELAPSE_DEVICE 'TPU': expected CPU, GPU or GPU:n (n = 0, 1, …)\n", result.stderr(), result.toString());
        assertEquals("", result.stdout(), result.toString());
    }

    private static void assertNoNativeLog(Result result) {
        assertFalse(NATIVE_LOG.matcher(result.stdout()).find(), result.toString());
        assertFalse(NATIVE_LOG.matcher(result.stderr()).find(), result.toString());
    }

    private static boolean gpuBuild() throws IOException {
        try (var jars = Files.list(DISTRIBUTION.resolve("lib"))) {
            return jars.anyMatch(jar -> jar.getFileName().toString().endsWith("-linux-x86_64-gpu.jar"));
        }
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private Result timelapse(Map<String, String> environment, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(DISTRIBUTION.resolve("bin/timelapse").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("TF_CPP_MIN_LOG_LEVEL");
        builder.environment().remove("TIMELAPSE_DEVICE");
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile(work, "stdout", ".txt");
        Path stderr = Files.createTempFile(work, "stderr", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timelapse " + String.join(" ", args) + " did not exit within 120 s");
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    private record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
