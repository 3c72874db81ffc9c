package io.timelapse.platform.compute.tensorflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DeviceInfo;
import io.timelapse.platform.compute.tensorflow.runtime.DeviceProbe.Placement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which device a process reports, given where TensorFlow ran the probe kernel and what it logged. */
class DeviceDecisionTest {

    private static final String BACKEND = "TensorFlow 2.18.0 (GPU build)";
    private static final NativeLog.Entry CU_INIT = new NativeLog.Entry('E', "cuda_driver.cc:152",
            "failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)");

    @Test
    void gpuBuildWhoseKernelRanOnTheCpuReportsTheCpuAndQuotesTensorFlowOnce() {
        DeviceInfo device = DeviceDecision.decide(new ComputeSettings(1, 0, 0, true), true, BACKEND,
                new Placement("CPU:0", null), List.of(CU_INIT));
        assertEquals("CPU", device.device());
        assertFalse(device.isGpu());
        assertTrue(device.fellBack());
        assertTrue(device.note().startsWith("GPU:1 was requested but is not usable, so Timelapse computes on the CPU: "
                + "TensorFlow ran the probe kernel on its CPU:0."), device.note());
        assertEquals(1, occurrences(device.note(), "failed call to cuInit"), device.note());
        assertTrue(device.note().endsWith("TensorFlow said: \"failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: "
                + "UNKNOWN ERROR (303)\" (cuda_driver.cc:152)."), device.note());
        assertTrue(device.summary().startsWith("CPU ("), device.summary());
    }

    @Test
    void gpuBuildByDefaultFallsBackWithoutClaimingARequest() {
        DeviceInfo device = DeviceDecision.decide(new ComputeSettings(0, 0, 0, false), true, BACKEND,
                new Placement("CPU:0", null), List.of());
        assertEquals("CPU", device.device());
        assertTrue(device.fellBack());
        assertTrue(device.note().startsWith("GPU:0 is not usable"), device.note());
        assertTrue(device.note().endsWith("TensorFlow logged no reason."), device.note());
    }

    @Test
    void kernelOnTensorFlowsOnlyGpuIsTheRequestedIndex() {
        // The session shows TensorFlow only the requested GPU, which it then calls GPU:0.
        DeviceInfo device = DeviceDecision.decide(new ComputeSettings(3, 0, 0, true), true, BACKEND,
                new Placement("GPU:0", null), List.of());
        assertEquals("GPU:3", device.device());
        assertTrue(device.isGpu());
        assertFalse(device.fellBack());
        assertEquals("a probe kernel ran on GPU:3", device.note());
    }

    @Test
    void probeThatCouldNotRunIsAFallbackWithTensorFlowsError() {
        String error = "'visible_device_list' listed an invalid Device id '5' but visible device count is 1";
        DeviceInfo device = DeviceDecision.decide(new ComputeSettings(5, 0, 0, true), true, BACKEND, new Placement(null, error), List.of());
        assertEquals("CPU", device.device());
        assertTrue(device.fellBack());
        assertTrue(device.note().contains("TensorFlow could not run a probe kernel on it (" + error + ")"), device.note());
    }

    @Test
    void cpuBuildFallsBackOnlyWhenAGpuWasRequested() {
        DeviceInfo byDefault = DeviceDecision.decide(new ComputeSettings(0, 0, 0, false), false, "TensorFlow 2.18.0 (CPU build)", null, List.of());
        assertEquals("CPU", byDefault.device());
        assertFalse(byDefault.fellBack());
        DeviceInfo requested = DeviceDecision.decide(new ComputeSettings(2, 0, 0, true), false, "TensorFlow 2.18.0 (CPU build)", null, List.of());
        assertEquals("CPU", requested.device());
        assertTrue(requested.fellBack());
        assertTrue(requested.note().startsWith("GPU:2 was requested, but the CPU build of TensorFlow is installed"), requested.note());
    }

    @Test
    void threadsDefaultToTheCoresAndCpuRequestIsNoFallback() {
        DeviceInfo device = DeviceDecision.decide(new ComputeSettings(-1, 3, 0, true), true, BACKEND, null, List.of(CU_INIT));
        assertEquals("CPU", device.device());
        assertFalse(device.fellBack());
        assertEquals(3, device.intraOpThreads());
        assertEquals(Runtime.getRuntime().availableProcessors(), device.interOpThreads());
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }
}
