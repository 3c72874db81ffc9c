package io.timelapse.api.compute;

import java.util.List;
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

    /**
     * The device's matmul rate, the yardstick benchmarks report their FLOP/s against: GFLOP/s ({@code 2·size³}
     * operations) of a {@code size × size} float32 matrix product, after one untimed product, best of
     * {@code repeats}. The product is summed in the graph, so only a scalar comes back.
     *
     * @since 1.1
     */
    default double matmulGflops(int size, int repeats) {
        if (size < 1 || repeats < 1) {
            throw new IllegalArgumentException("matmul rate: size and repeats must be at least 1, not " + size + " and " + repeats);
        }
        try (Graph graph = newGraph(0)) {
            Ops ops = graph.ops();
            Tensor a = ops.variable("a", DType.F32, Shape.of(size, size), Initializer.normal(0, 1));
            Tensor b = ops.variable("b", DType.F32, Shape.of(size, size), Initializer.normal(0, 1));
            Tensor product = ops.sum(ops.matmul(a, b, false, false), false);
            try (Session session = graph.newSession()) {
                session.initialize();
                session.run(Map.of(), List.of(product)).close();
                long best = Long.MAX_VALUE;
                for (int i = 0; i < repeats; i++) {
                    long start = System.nanoTime();
                    session.run(Map.of(), List.of(product)).close();
                    best = Math.min(best, System.nanoTime() - start);
                }
                return 2.0 * size * size * size / best;
            }
        }
    }
}
