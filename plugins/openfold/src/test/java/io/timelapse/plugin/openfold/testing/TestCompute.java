package io.timelapse.plugin.openfold.testing;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.platform.compute.tensorflow.TensorFlowComputeService;
import io.timelapse.platform.compute.tensorflow.runtime.ComputeSettings;

/** The one compute service of the test JVM (CPU, 2 threads), as the other modules' tests make it. */
public final class TestCompute {

    public static final ComputeService SERVICE = new TensorFlowComputeService(new ComputeSettings(-1, 2, 1, false));

    private TestCompute() {}
}
