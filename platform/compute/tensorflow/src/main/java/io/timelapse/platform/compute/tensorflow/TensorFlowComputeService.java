package io.timelapse.platform.compute.tensorflow;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DeviceInfo;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.MemoryUsage;
import io.timelapse.platform.compute.tensorflow.graph.TfGraph;
import io.timelapse.platform.compute.tensorflow.runtime.ComputeSettings;
import io.timelapse.platform.compute.tensorflow.runtime.TensorFlowRuntime;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The compute service on TensorFlow. The runtime (native libraries, device probe) loads on the first
 * call that needs it, so commands that do not compute never pay for TensorFlow.
 */
public final class TensorFlowComputeService implements ComputeService {

    private final Supplier<ComputeSettings> settings;
    private volatile TensorFlowRuntime runtime;

    /** Reads its settings when it first computes, so a wrong one fails that command with its message. */
    public TensorFlowComputeService() {
        this.settings = ComputeSettings::fromEnvironment;
    }

    public TensorFlowComputeService(ComputeSettings settings) {
        this.settings = () -> settings;
    }

    private TensorFlowRuntime runtime() {
        TensorFlowRuntime loaded = runtime;
        if (loaded == null) {
            synchronized (this) {
                loaded = runtime;
                if (loaded == null) {
                    loaded = TensorFlowRuntime.load(settings.get());
                    runtime = loaded;
                }
            }
        }
        return loaded;
    }

    @Override
    public DeviceInfo device() {
        return runtime().device();
    }

    @Override
    public Graph newGraph(long seed) {
        return new TfGraph(seed, runtime());
    }

    @Override
    public MemoryUsage memory() {
        return runtime().memory();
    }

    @Override
    public Map<String, String> versions() {
        return runtime().versions();
    }
}
