package io.timelapse.plugin.dsb.stats;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/** Sample moments of the rows of an {@code [n, d]} tensor as graph operations, and host data as tensors. */
public final class GraphMoments {

    private GraphMoments() {}

    /** The covariance {@code (x - mean)ᵀ(x - mean) / divisor}. */
    public static Tensor covariance(Ops ops, Tensor x, Tensor mean, double divisor) {
        Tensor centred = ops.sub(x, mean);
        return ops.div(ops.matmul(centred, centred, true, false), ops.scalar(divisor, x.dtype()));
    }

    /** {@code rows} ({@code n × d}) as an F64 host tensor. */
    public static HostTensor host(double[][] rows) {
        int d = rows[0].length;
        double[] flat = new double[rows.length * d];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * d, d);
        }
        return HostTensor.of(flat, rows.length, d);
    }

    /** {@code flat} ({@code n·d} values) as {@code n} rows of {@code d}. */
    public static double[][] rows(double[] flat, int n, int d) {
        double[][] rows = new double[n][d];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * d, rows[r], 0, d);
        }
        return rows;
    }
}
