package io.timelapse.lib.bench;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The machine's matmul rate: GFLOP/s of a 2048×2048 float32 matrix product through the compute service, the
 * yardstick a benchmark reports each workload's achieved FLOP/s against ({@code ..._fraction_of_matmul}).
 */
public final class MatmulRate {

    /** The rows and columns of both factors. */
    public static final int SIZE = 2048;

    private MatmulRate() {}

    /** GFLOP/s ({@code 2·SIZE³} floating-point operations per product), after one untimed product, best of {@code repeats}. */
    public static double gflops(ComputeService compute, int repeats) {
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Tensor a = ops.variable("a", DType.F32, Shape.of(SIZE, SIZE), Initializer.normal(0, 1));
            Tensor b = ops.variable("b", DType.F32, Shape.of(SIZE, SIZE), Initializer.normal(0, 1));
            // Summed on the graph, so only a scalar is fetched and the rate is the product's alone.
            Tensor product = ops.sum(ops.matmul(a, b, false, false), false);
            try (Session session = graph.newSession()) {
                session.initialize();
                Runnable multiply = () -> session.run(Map.of(), List.of(product)).close();
                multiply.run();
                return 2.0 * SIZE * SIZE * SIZE / Timing.bestSeconds(repeats, multiply) / 1e9;
            }
        }
    }
}
