package io.timelapse.plugin.dsb.probe;

import io.timelapse.plugin.dsb.stats.QuantileTable;
import java.util.random.RandomGenerator;

/** The independent-coordinates sampler (ICS): every coordinate takes the class's quantile of an independent uniform bin. */
public record IndependentCoordinatesSampler(QuantileTable table) {

    /** The sample for the given bins, one per coordinate. */
    public double[] sample(int[] bins) {
        double[] x = new double[bins.length];
        for (int p = 0; p < bins.length; p++) {
            x[p] = table.value(p, bins[p]);
        }
        return x;
    }

    /** A sample with bins drawn uniformly from {@code random}. */
    public double[] sample(RandomGenerator random) {
        int[] bins = new int[table.dimension()];
        for (int p = 0; p < bins.length; p++) {
            bins[p] = random.nextInt(QuantileTable.BINS);
        }
        return sample(bins);
    }
}
