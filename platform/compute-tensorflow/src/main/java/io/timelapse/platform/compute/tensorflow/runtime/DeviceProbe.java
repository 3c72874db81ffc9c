package io.timelapse.platform.compute.tensorflow.runtime;

import io.timelapse.api.compute.DeviceInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.DataType;

/**
 * Finds out where TensorFlow really computes. TensorFlow quietly runs on the CPU when the GPU build
 * finds no CUDA 12 libraries, so the probe pins one tiny operation to the GPU without soft placement
 * and sees whether it runs.
 */
final class DeviceProbe {

    private static final String GPU_NATIVES = "org/tensorflow/internal/c_api/linux-x86_64-gpu/";

    private DeviceProbe() {}

    static DeviceInfo probe(ComputeSettings settings, ConfigProto config, String version) {
        String backend = "TensorFlow " + version + (gpuBuildInstalled() ? " (GPU build)" : " (CPU build)");
        int intra = settings.intraOpThreads() > 0 ? settings.intraOpThreads() : Runtime.getRuntime().availableProcessors();
        int inter = settings.interOpThreads() > 0 ? settings.interOpThreads() : Runtime.getRuntime().availableProcessors();
        boolean wantsGpu = settings.gpu() >= 0;
        if (!wantsGpu) {
            return new DeviceInfo("CPU", cpuDescription(), backend, intra, inter, false, "CPU requested");
        }
        if (!gpuBuildInstalled()) {
            boolean fellBack = settings.deviceRequested();
            String note = "the CPU build of TensorFlow is installed" + (fellBack ? "; GPU:" + settings.gpu()
                    + " was requested, so this is a fallback (build the distribution with -Pgpu)" : "");
            return new DeviceInfo("CPU", cpuDescription(), backend, intra, inter, fellBack, note);
        }
        String failure = runOn("/device:GPU:0", config);
        if (failure == null) {
            return new DeviceInfo("GPU:" + settings.gpu(), gpuDescription(settings.gpu()), backend, intra, inter, false, "GPU verified by a probe");
        }
        return new DeviceInfo("CPU", cpuDescription(), backend, intra, inter, true,
                "TensorFlow's GPU build found no usable GPU:" + settings.gpu() + " and runs on the CPU. It needs an NVIDIA driver "
                        + "and the CUDA 12 / cuDNN 9 libraries (libcudart.so.12, libcublas.so.12, libcudnn.so.9, …) on LD_LIBRARY_PATH. "
                        + "TensorFlow said: " + failure);
    }

    /** Null when a constant placed on {@code device} ran there, else why not. */
    private static String runOn(String device, ConfigProto config) {
        ConfigProto strict = config.toBuilder().setAllowSoftPlacement(false).build();
        try (Graph graph = new Graph()) {
            try (org.tensorflow.types.TFloat32 one = org.tensorflow.types.TFloat32.scalarOf(1f)) {
                graph.opBuilder("Const", "probe", graph.baseScope()).setAttr("dtype", DataType.DT_FLOAT)
                        .setAttr("value", one).setDevice(device).build();
            }
            graph.opBuilder("Identity", "probe_out", graph.baseScope()).addInput(graph.output("probe")).setDevice(device).build();
            try (Session session = new Session(graph, strict)) {
                session.runner().fetch("probe_out").run().close();
            }
            return null;
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage());
            return message.length() > 300 ? message.substring(0, 300) + "…" : message;
        }
    }

    static boolean gpuBuildInstalled() {
        return DeviceProbe.class.getClassLoader().getResource(GPU_NATIVES) != null
                || ClassLoader.getSystemResource(GPU_NATIVES) != null;
    }

    static String cpuDescription() {
        String model = "unknown CPU";
        boolean avx512 = false;
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("flags")) {
                    avx512 |= line.contains(" avx512f");
                }
            }
        } catch (IOException notLinux) {
            model = System.getProperty("os.arch");
        }
        return model + ", " + Runtime.getRuntime().availableProcessors() + " cores" + (avx512 ? ", AVX-512" : "");
    }

    private static String gpuDescription(int index) {
        try (Stream<Path> gpus = Files.list(Path.of("/proc/driver/nvidia/gpus"))) {
            List<Path> sorted = gpus.sorted().toList();
            if (index < sorted.size()) {
                for (String line : Files.readAllLines(sorted.get(index).resolve("information"))) {
                    if (line.startsWith("Model:")) {
                        return line.substring(6).trim();
                    }
                }
            }
        } catch (IOException noDriverInfo) {
            // fall through
        }
        return "GPU " + index;
    }

}
