package io.timelapse.platform.compute.tensorflow.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * Finds out where TensorFlow really computes: runs a matrix product, placed by TensorFlow as it places
 * every kernel, and reads from the run's step statistics which device executed it. Pinning an
 * operation to a GPU proves nothing: without a usable GPU TensorFlow quietly runs it on the CPU.
 */
final class DeviceProbe {

    /** Where the probe's kernel ran ({@code CPU:0}, {@code GPU:0}), or why it could not run; one of the two is null. */
    record Placement(String device, String failure) {

        boolean onGpu() {
            return device != null && device.startsWith("GPU:");
        }
    }

    private static final String KERNEL = "timelapse_device_probe";
    private static final Pattern DEVICE = Pattern.compile("/device:(\\w+:\\d+)$");
    private static final String GPU_NATIVES = "org/tensorflow/internal/c_api/linux-x86_64-gpu/";

    private DeviceProbe() {}

    static Placement place(ConfigProto config) {
        try (Graph graph = new Graph()) {
            graph.opBuilder("Placeholder", "x", graph.baseScope()).setAttr("dtype", DataType.DT_FLOAT).build();
            graph.opBuilder("MatMul", KERNEL, graph.baseScope()).addInput(graph.output("x")).addInput(graph.output("x")).build();
            RunOptions trace = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.SOFTWARE_TRACE).build();
            try (Session session = new Session(graph, config);
                 TFloat32 x = TFloat32.tensorOf(Shape.of(8, 8));
                 Result result = session.runner().feed("x", x).fetch(KERNEL).setOptions(trace).runAndFetchMetadata()) {
                for (DeviceStepStats device : result.getMetadata().orElseThrow().getStepStats().getDevStatsList()) {
                    for (NodeExecStats node : device.getNodeStatsList()) {
                        if (node.getNodeName().equals(KERNEL)) {
                            return new Placement(shortName(device.getDevice()), null);
                        }
                    }
                }
                return new Placement(null, "TensorFlow ran the probe but did not say on which device");
            }
        } catch (RuntimeException e) {
            return new Placement(null, String.valueOf(e.getMessage()).strip());
        }
    }

    /** {@code GPU:0} of {@code /job:localhost/replica:0/task:0/device:GPU:0}. */
    static String shortName(String device) {
        Matcher matcher = DEVICE.matcher(device);
        return matcher.find() ? matcher.group(1) : device;
    }

    static boolean gpuBuildInstalled() {
        return DeviceProbe.class.getClassLoader().getResource(GPU_NATIVES) != null
                || ClassLoader.getSystemResource(GPU_NATIVES) != null;
    }
}
