package io.timelapse.platform.compute.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the TensorFlow backend promises beyond the conformance kit. */
class TensorFlowServiceTest {

    @Test
    void deviceIsReported() {
        assertEquals("CPU", TensorFlowConformanceTest.COMPUTE.device().device());
        assertTrue(TensorFlowConformanceTest.COMPUTE.versions().get("tensorflow").startsWith("2.18"),
                TensorFlowConformanceTest.COMPUTE.versions().toString());
    }

    @Test
    void fetchedTensorsAreViewsOfTensorFlowMemory() {
        try (Graph graph = TensorFlowConformanceTest.COMPUTE.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor scale = ops.placeholder("scale", DType.F32, Shape.scalar());
            Tensor values = ops.mul(ops.ones(Shape.of(64, 64), DType.F32), scale);
            try (Session session = graph.newSession();
                 Outputs out = session.run(Map.of(scale, HostTensor.scalar(3f)), List.of(values))) {
                assertTrue(out.get(0).buffer().isDirect(), "a fetched tensor is a view of TensorFlow's memory, not a copy");
                assertEquals(3f, out.get(0).buffer().getFloat(4 * (64 * 64 - 1)));
            }
        }
    }
}
