package io.timelapse.platform.compute.tensorflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.timelapse.api.compute.DeviceInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The GPU build of TensorFlow on a machine without an NVIDIA driver, as the machines this project
 * builds on are: {@code mvn verify -Pgpu} runs it in a JVM of its own, so that TensorFlow's one-time
 * CUDA start-up, and what it logs, happen here.
 */
class GpuBuildTest {

    @Test
    void withoutADriverTheRequestedGpuFallsBackToTheCpuWithTensorFlowsReason() {
        assumeTrue(DeviceProbe.gpuBuildInstalled(), "the GPU build of TensorFlow is not on the class path (build with -Pgpu)");
        assumeFalse(Files.exists(Path.of("/proc/driver/nvidia")), "this machine has an NVIDIA driver");

        DeviceInfo device = TensorFlowRuntime.load(new ComputeSettings(1, 2, 1, true)).device();

        assertEquals("CPU", device.device());
        assertTrue(device.fellBack());
        assertEquals("TensorFlow 2.18.0 (GPU build)", device.backend());
        assertTrue(device.note().startsWith("GPU:1 was requested but is not usable, so Timelapse computes on the CPU: "
                + "TensorFlow ran the probe kernel on its CPU:0."), device.note());
        // TensorFlow's CUDA error, once, with where it was logged; not its duplicate-registration noise.
        assertEquals(1, device.note().split("failed call to cuInit", -1).length - 1, device.note());
        assertTrue(device.note().matches("(?s).*TensorFlow said: \"failed call to cuInit: [^\"]*\" \\(cuda_driver\\.cc:\\d+\\)\\.$"), device.note());
        assertTrue(!device.note().contains("factory"), device.note());
    }
}
