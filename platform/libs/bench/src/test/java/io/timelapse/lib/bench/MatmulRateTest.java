package io.timelapse.lib.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.platform.compute.tensorflow.TensorFlowComputeService;
import io.timelapse.platform.compute.tensorflow.runtime.ComputeSettings;
import org.junit.jupiter.api.Test;

/** The matmul rate on the real compute service, as the other modules' tests construct it. */
class MatmulRateTest {

    @Test
    void theRateOnTheComputeServiceIsPositiveAndFinite() {
        double gflops = MatmulRate.gflops(new TensorFlowComputeService(new ComputeSettings(-1, 2, 1, false)), 2);
        assertTrue(gflops > 0 && Double.isFinite(gflops), "GFLOP/s = " + gflops);
    }
}
