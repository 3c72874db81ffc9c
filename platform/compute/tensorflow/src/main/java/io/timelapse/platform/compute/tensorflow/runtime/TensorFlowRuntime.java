package io.timelapse.platform.compute.tensorflow.runtime;

import io.timelapse.api.compute.DeviceInfo;
import io.timelapse.api.compute.MemoryUsage;
import io.timelapse.platform.compute.tensorflow.gradients.CustomGradients;
import io.timelapse.platform.compute.tensorflow.graph.SessionHooks;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.TensorFlow;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The TensorFlow runtime of this process, loaded once: the native library, the session settings
 * (threads, device), and what the device really is after TensorFlow's silent CPU fallback.
 */
public final class TensorFlowRuntime implements SessionHooks {

    private static final Logger LOG = LoggerFactory.getLogger(TensorFlowRuntime.class);

    private final ComputeSettings settings;
    private final ConfigProto config;
    private final DeviceInfo device;
    private static final long SAMPLE_INTERVAL_NANOS = 50_000_000L;

    private final AtomicLong peakBytes = new AtomicLong();
    private final AtomicLong lastSampleNanos = new AtomicLong(System.nanoTime() - SAMPLE_INTERVAL_NANOS);

    private TensorFlowRuntime(ComputeSettings settings, ConfigProto config, DeviceInfo device) {
        this.settings = settings;
        this.config = config;
        this.device = device;
    }

    /**
     * Loads TensorFlow and finds the device it computes on. What TensorFlow logs meanwhile is captured:
     * its chatter is logged at DEBUG, its warnings and errors explain a GPU fallback or are logged as
     * warnings, and nothing of it reaches stderr in TensorFlow's own formats.
     */
    public static TensorFlowRuntime load(ComputeSettings settings) {
        long start = System.nanoTime();
        boolean gpuBuild = DeviceProbe.gpuBuildInstalled();
        boolean tryGpu = gpuBuild && settings.gpu() >= 0;
        ConfigProto cpu = sessionConfig(settings, -1);
        ConfigProto gpu = sessionConfig(settings, settings.gpu());
        NativeStderr.Captured<Started> captured = NativeStderr.capture(() -> {
            String version = TensorFlow.version();
            Map<String, Boolean> gradients = CustomGradients.registerOnce();
            return new Started(version, gradients, DeviceProbe.place(tryGpu ? gpu : cpu));
        });
        Started started = captured.value();
        NativeLog log = NativeLog.parse(captured.text());
        log.entries().forEach(entry -> LOG.debug("TensorFlow: {}", entry));
        LOG.debug("custom gradients registered (false: TensorFlow has its own): {}", started.gradients());
        if (!tryGpu && started.placement().failure() != null) {
            throw new IllegalStateException("TensorFlow cannot compute on the CPU: " + started.placement().failure());
        }
        String backend = "TensorFlow " + started.version() + (gpuBuild ? " (GPU build)" : " (CPU build)");
        DeviceInfo device = DeviceDecision.decide(settings, gpuBuild, backend, tryGpu ? started.placement() : null, log.warnings());
        LOG.debug("TensorFlow {} loaded in {} ms on {}", started.version(), (System.nanoTime() - start) / 1_000_000, device.device());
        warn(device, log, tryGpu ? settings.gpu() : -1);
        return new TensorFlowRuntime(settings, device.isGpu() ? gpu : cpu, device);
    }

    /**
     * One line when the GPU tried ({@code triedGpu}, -1 for none) is not usable (the device report
     * quotes TensorFlow's reason), else TensorFlow's start-up warnings; those about the GPU are moot
     * when no GPU was tried.
     */
    private static void warn(DeviceInfo device, NativeLog log, int triedGpu) {
        if (triedGpu >= 0 && !device.isGpu()) {
            LOG.warn("GPU:{} is not usable, so Timelapse computes on the CPU; `timelapse device` shows TensorFlow's reason", triedGpu);
            return;
        }
        log.warnings().stream().filter(entry -> triedGpu >= 0 || !entry.aboutGpu()).forEach(entry -> LOG.warn("TensorFlow: {}", entry));
        if (device.fellBack()) {
            LOG.warn("{}", device.note());
        }
    }

    /** What loading TensorFlow found out, before its log is read. */
    private record Started(String version, Map<String, Boolean> gradients, DeviceProbe.Placement placement) {}

    @Override
    public ConfigProto config() {
        return config;
    }

    @Override
    public void afterRun() {
        // Reading the resident size costs a system call; a few samples a second find the peak well enough.
        long now = System.nanoTime();
        long last = lastSampleNanos.get();
        if (now - last >= SAMPLE_INTERVAL_NANOS && lastSampleNanos.compareAndSet(last, now)) {
            peakBytes.accumulateAndGet(Pointer.physicalBytes(), Math::max);
        }
    }

    public DeviceInfo device() {
        return device;
    }

    public MemoryUsage memory() {
        long now = Pointer.physicalBytes();
        long peak = peakBytes.accumulateAndGet(now, Math::max);
        return new MemoryUsage(now, peak, "resident memory of the process (host); device memory is managed by TensorFlow");
    }

    /**
     * Versions for run provenance. {@code tensorflow.onednn} records TF_ENABLE_ONEDNN_OPTS as the
     * native library saw it: results are bit-identical for a seed only under the same setting
     * (oneDNN's kernels round differently from Eigen's).
     */
    public Map<String, String> versions() {
        String onednn = System.getenv("TF_ENABLE_ONEDNN_OPTS");
        return Map.of("tensorflow", TensorFlow.version(), "tensorflow-java", "1.1.0", "javacpp", Pointer.class.getPackage().getImplementationVersion() == null
                ? "unknown" : Pointer.class.getPackage().getImplementationVersion(),
                "tensorflow.onednn", onednn == null ? "default (on)" : onednn);
    }

    public ComputeSettings settings() {
        return settings;
    }

    /** Sessions on GPU {@code gpu} (TensorFlow's GPU:0 then), or on the CPU alone when it is negative. */
    private static ConfigProto sessionConfig(ComputeSettings settings, int gpu) {
        ConfigProto.Builder builder = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(settings.intraOpThreads())
                .setInterOpParallelismThreads(settings.interOpThreads())
                .setAllowSoftPlacement(true);
        if (gpu < 0) {
            builder.putDeviceCount("GPU", 0);
        } else {
            builder.setGpuOptions(GPUOptions.newBuilder().setVisibleDeviceList(Integer.toString(gpu)).setAllowGrowth(true));
        }
        return builder.build();
    }
}
