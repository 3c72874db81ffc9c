package io.timelapse.api.compute;

import java.util.Map;

/**
 * The one graph-execution service of a process. The backend loads its native runtime on first use,
 * so commands that do not compute never pay for it.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ComputeService {

    /** The device the service computes on, after any fallback. */
    DeviceInfo device();

    /** A new, empty graph whose random operations derive from {@code seed}. */
    Graph newGraph(long seed);

    MemoryUsage memory();

    /** The backend's own versions (for example the TensorFlow runtime), for run provenance. */
    Map<String, String> versions();
}
