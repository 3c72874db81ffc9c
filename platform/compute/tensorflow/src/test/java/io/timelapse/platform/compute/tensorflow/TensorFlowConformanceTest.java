package io.timelapse.platform.compute.tensorflow;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.platform.compute.tensorflow.runtime.ComputeSettings;
import io.timelapse.testkit.compute.ComputeConformance;

/** The whole compute conformance kit against the TensorFlow backend, on the CPU with two threads. */
class TensorFlowConformanceTest extends ComputeConformance {

    static final ComputeService COMPUTE = new TensorFlowComputeService(new ComputeSettings(-1, 2, 1, false));

    @Override
    protected ComputeService compute() {
        return COMPUTE;
    }
}
