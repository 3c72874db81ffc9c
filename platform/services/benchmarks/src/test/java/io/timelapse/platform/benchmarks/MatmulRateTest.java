package io.timelapse.platform.benchmarks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.bench.MatmulRate;
import io.timelapse.platform.compute.tensorflow.TensorFlowComputeService;
import io.timelapse.platform.compute.tensorflow.runtime.ComputeSettings;
import org.junit.jupiter.api.Test;

/** The matmul rate of the benchmark library on the real compute service, which the library itself cannot depend on. */
class MatmulRateTest {

    @Test
    void theRateOnTheComputeServiceIsPositiveAndFinite() {
        double gflops = MatmulRate.gflops(new TensorFlowComputeService(new ComputeSettings(-1, 2, 1, false)), 2);
        assertTrue(gflops > 0 && Double.isFinite(gflops), "GFLOP/s = " + gflops);
    }
}
