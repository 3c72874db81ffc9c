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

    public static TensorFlowRuntime load(ComputeSettings settings) {
        long start = System.nanoTime();
        String version = TensorFlow.version();
        Map<String, Boolean> gradients = CustomGradients.registerOnce();
        LOG.debug("custom gradients registered (false: TensorFlow has its own): {}", gradients);
        ConfigProto config = sessionConfig(settings);
        DeviceInfo device = DeviceProbe.probe(settings, config, version);
        LOG.debug("TensorFlow {} loaded in {} ms on {}", version, (System.nanoTime() - start) / 1_000_000, device.device());
        if (device.fellBack()) {
            LOG.warn("{}", device.note());
        }
        return new TensorFlowRuntime(settings, config, device);
    }

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

    private static ConfigProto sessionConfig(ComputeSettings settings) {
        ConfigProto.Builder builder = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(settings.intraOpThreads())
                .setInterOpParallelismThreads(settings.interOpThreads())
                .setAllowSoftPlacement(true);
        if (settings.gpu() < 0) {
            builder.putDeviceCount("GPU", 0);
        } else {
            builder.setGpuOptions(GPUOptions.newBuilder().setVisibleDeviceList(Integer.toString(settings.gpu())).setAllowGrowth(true));
        }
        return builder.build();
    }
}
