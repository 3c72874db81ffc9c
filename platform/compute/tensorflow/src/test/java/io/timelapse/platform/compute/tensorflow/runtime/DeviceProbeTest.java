package io.timelapse.platform.compute.tensorflow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * The device the runtime reports is the one TensorFlow runs kernels on, in the CPU build and in the
 * GPU build (built with -Pgpu), where a machine without a usable GPU must report the CPU.
 */
class DeviceProbeTest {

    @Test
    void reportedDeviceIsWhereTensorFlowRunsAKernel() {
        TensorFlowRuntime runtime = TensorFlowRuntime.load(new ComputeSettings(0, 2, 1, false));
        String ran = deviceOfAMatMul(runtime);
        assertEquals(ran.startsWith("GPU:") ? "GPU:0" : "CPU", runtime.device().device(), runtime.device().note());
    }

    @Test
    void requestedCpuIsWhereTensorFlowRunsAKernel() {
        TensorFlowRuntime runtime = TensorFlowRuntime.load(new ComputeSettings(-1, 2, 1, true));
        assertEquals("CPU", runtime.device().device());
        assertEquals("CPU:0", deviceOfAMatMul(runtime));
    }

    @Test
    void placementNamesTheDevice() {
        assertEquals("GPU:1", DeviceProbe.shortName("/job:localhost/replica:0/task:0/device:GPU:1"));
        assertEquals("CPU:0", DeviceProbe.shortName("/job:localhost/replica:0/task:0/device:CPU:0"));
    }

    /** Runs a MatMul in a session configured as the runtime configures every session, and reads where it ran. */
    private static String deviceOfAMatMul(TensorFlowRuntime runtime) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
            MatMul<TFloat32> product = tf.withName("checked_matmul").linalg.matMul(x, x);
            RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
            try (Session session = new Session(graph, runtime.config());
                 TFloat32 value = TFloat32.tensorOf(Shape.of(16, 16));
                 Result result = session.runner().feed(x, value).fetch(product).setOptions(trace).runAndFetchMetadata()) {
                String device = null;
                for (DeviceStepStats stats : result.getMetadata().orElseThrow().getStepStats().getDevStatsList()) {
                    for (NodeExecStats node : stats.getNodeStatsList()) {
                        if (node.getNodeName().equals("checked_matmul")) {
                            device = stats.getDevice().substring(stats.getDevice().lastIndexOf("device:") + 7);
                        }
                    }
                }
                assertNotNull(device, "the step statistics name no device for the MatMul");
                return device;
            }
        }
    }
}
