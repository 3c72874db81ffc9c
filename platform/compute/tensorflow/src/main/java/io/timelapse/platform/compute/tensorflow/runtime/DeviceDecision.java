package io.timelapse.platform.compute.tensorflow.runtime;

import io.timelapse.api.compute.DeviceInfo;
import io.timelapse.platform.compute.tensorflow.runtime.DeviceProbe.Placement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The device a process computes on, from what was asked for, which TensorFlow build is installed,
 * where TensorFlow placed the probe kernel, and what TensorFlow logged while it started.
 */
final class DeviceDecision {

    private static final String GPU_REQUIREMENTS = "TensorFlow's GPU build needs an NVIDIA driver (R525 or newer) and the CUDA 12 / cuDNN 9 "
            + "libraries (libcudart.so.12, libcublas.so.12, libcudnn.so.9, …) on LD_LIBRARY_PATH.";

    private DeviceDecision() {}

    /**
     * @param placement where the probe ran on the GPU configuration; null when none was tried
     * @param tensorflowSaid TensorFlow's start-up warnings and errors
     */
    static DeviceInfo decide(ComputeSettings settings, boolean gpuBuild, String backend, Placement placement,
                             List<NativeLog.Entry> tensorflowSaid) {
        int cores = Runtime.getRuntime().availableProcessors();
        int intra = settings.intraOpThreads() > 0 ? settings.intraOpThreads() : cores;
        int inter = settings.interOpThreads() > 0 ? settings.interOpThreads() : cores;
        String gpu = "GPU:" + settings.gpu();
        if (settings.gpu() < 0) {
            return new DeviceInfo("CPU", cpuDescription(), backend, intra, inter, false, "CPU requested");
        }
        if (!gpuBuild) {
            boolean fellBack = settings.deviceRequested();
            String note = fellBack ? gpu + " was requested, but the CPU build of TensorFlow is installed; "
                    + "build the distribution with -Pgpu for GPUs" : "the CPU build of TensorFlow is installed";
            return new DeviceInfo("CPU", cpuDescription(), backend, intra, inter, fellBack, note);
        }
        if (placement != null && placement.onGpu()) {
            return new DeviceInfo(gpu, gpuDescription(settings.gpu()), backend, intra, inter, false, "a probe kernel ran on " + gpu);
        }
        String what = placement == null || placement.device() == null
                ? "TensorFlow could not run a probe kernel on it (" + (placement == null ? "not tried" : placement.failure()) + ")"
                : "TensorFlow ran the probe kernel on its " + placement.device();
        String note = gpu + (settings.deviceRequested() ? " was requested but" : "") + " is not usable, so Timelapse computes on the CPU: "
                + what + ". " + GPU_REQUIREMENTS + " " + reason(tensorflowSaid);
        return new DeviceInfo("CPU", cpuDescription(), backend, intra, inter, true, note);
    }

    private static String reason(List<NativeLog.Entry> tensorflowSaid) {
        if (tensorflowSaid.isEmpty()) {
            return "TensorFlow logged no reason.";
        }
        return "TensorFlow said: " + tensorflowSaid.stream().map(NativeLog.Entry::quoted).collect(Collectors.joining("; ")) + ".";
    }

    static String cpuDescription() {
        String model = "unknown CPU";
        boolean avx512 = false;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
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

    /** The model of the index-th GPU in PCI bus order, the order bin/timelapse sets with CUDA_DEVICE_ORDER. */
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
