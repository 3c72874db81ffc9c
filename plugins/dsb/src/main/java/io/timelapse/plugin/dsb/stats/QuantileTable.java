package io.timelapse.plugin.dsb.stats;

import java.util.Arrays;

/**
 * Per-coordinate quantile tables: for every coordinate, the {@value #BINS} quantiles at {@code linspace(0, 1, 256)}
 * of the class's values, with numpy's default linear interpolation. Each row is ascending.
 */
public record QuantileTable(double[][] table) {

    public static final int BINS = 256;

    /** Builds the table from the rows of {@code samples} (n × d). */
    public static QuantileTable fit(double[][] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("the class has no samples");
        }
        int n = samples.length;
        int d = samples[0].length;
        double[][] table = new double[d][];
        double[] column = new double[n];
        for (int p = 0; p < d; p++) {
            for (int r = 0; r < n; r++) {
                column[r] = samples[r][p];
            }
            Arrays.sort(column);
            table[p] = quantiles(column);
        }
        return new QuantileTable(table);
    }

    /** The quantiles of an ascending array, as {@code numpy.quantile(sorted, linspace(0, 1, 256))} computes them. */
    static double[] quantiles(double[] sorted) {
        int n = sorted.length;
        double[] q = new double[BINS];
        for (int k = 0; k < BINS; k++) {
            double level = k == BINS - 1 ? 1.0 : k * (1.0 / (BINS - 1));
            double index = (n - 1) * level;
            int below = Math.min((int) Math.floor(index), n - 1);
            int above = Math.min(below + 1, n - 1);
            double t = index - below;
            double a = sorted[below];
            double diff = sorted[above] - a;
            // numpy's _lerp: interpolate from the nearer end so that t = 1 returns b exactly.
            q[k] = t >= 0.5 ? sorted[above] - diff * (1 - t) : a + diff * t;
        }
        return q;
    }

    public int dimension() {
        return table.length;
    }

    public double value(int coordinate, int bin) {
        return table[coordinate][bin];
    }

    /** numpy's {@code searchsorted(side="left")} in one coordinate's row, clamped to a valid bin. */
    public int binOf(int coordinate, double x) {
        double[] row = table[coordinate];
        int lo = 0;
        int hi = row.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (row[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return Math.min(lo, BINS - 1);
    }
}
