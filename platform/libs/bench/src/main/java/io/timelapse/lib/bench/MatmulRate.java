package io.timelapse.lib.bench;

import io.timelapse.api.compute.ComputeService;

/**
 * The machine's matmul rate: GFLOP/s of a 2048×2048 float32 matrix product through the compute service, the
 * yardstick a benchmark reports each workload's achieved FLOP/s against ({@code ..._fraction_of_matmul}).
 */
public final class MatmulRate {

    /** The rows and columns of both factors. */
    public static final int SIZE = 2048;

    private MatmulRate() {}

    /** GFLOP/s of the {@value #SIZE}-square product on {@code compute}, best of {@code repeats} (see {@link ComputeService#matmulGflops}). */
    public static double gflops(ComputeService compute, int repeats) {
        return compute.matmulGflops(SIZE, repeats);
    }
}
