package io.timelapse.plugin.dsb.edit;

import io.timelapse.plugin.dsb.stats.QuantileTable;

/**
 * The coordinatewise quantile edit (CQN, the paper's {@code QuantileNormalizedDataset}): each value is located in the
 * source class's quantile table and replaced by the target class's quantile of the same bin.
 */
public record QuantileEdit(QuantileTable source, QuantileTable target) {

    /** The bins chosen for each coordinate of {@code x}. */
    public int[] bins(double[] x) {
        int[] bins = new int[x.length];
        for (int p = 0; p < x.length; p++) {
            bins[p] = source.binOf(p, x[p]);
        }
        return bins;
    }

    /** Edits one sample. */
    public double[] apply(double[] x) {
        int[] bins = bins(x);
        double[] y = new double[x.length];
        for (int p = 0; p < x.length; p++) {
            y[p] = target.value(p, bins[p]);
        }
        return y;
    }
}
