package io.timelapse.plugin.memorization.analysis;

import java.util.Arrays;

/**
 * Memorized rows counted in consecutive windows of a table (512 rows in the paper's notebook),
 * against a Poisson distribution with the same mean. If memorization were uniform over training
 * time, the counts would be Poisson and the dispersion (variance / mean) near 1.
 *
 * @param counts memorized rows in each complete window
 */
public record PoissonWindows(int windowRows, int[] counts) {

    /** Counts {@code memorized} flags (in row order) in complete windows of {@code windowRows}. */
    public static PoissonWindows of(boolean[] memorized, int windowRows) {
        if (windowRows < 1) {
            throw new IllegalArgumentException("window must hold ≥ 1 row, got " + windowRows);
        }
        int windows = memorized.length / windowRows;
        int[] counts = new int[windows];
        for (int w = 0; w < windows; w++) {
            int c = 0;
            for (int i = w * windowRows; i < (w + 1) * windowRows; i++) {
                if (memorized[i]) {
                    c++;
                }
            }
            counts[w] = c;
        }
        return new PoissonWindows(windowRows, counts);
    }

    public int windows() {
        return counts.length;
    }

    /** The fitted Poisson rate: the mean count per window (its maximum-likelihood estimate). */
    public double lambda() {
        return Arrays.stream(counts).average().orElse(Double.NaN);
    }

    /** Sample variance of the counts (n − 1 in the denominator). */
    public double variance() {
        int n = counts.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mean = lambda();
        double sum = 0;
        for (int c : counts) {
            sum += (c - mean) * (c - mean);
        }
        return sum / (n - 1);
    }

    /** Variance over mean; 1 for a Poisson process, above 1 when memorized rows cluster. */
    public double dispersion() {
        return variance() / lambda();
    }

    public int maxCount() {
        return Arrays.stream(counts).max().orElse(0);
    }

    /** Windows observed with exactly {@code k} memorized rows. */
    public long observed(int k) {
        return Arrays.stream(counts).filter(c -> c == k).count();
    }

    /** Windows expected with exactly {@code k} memorized rows under the fitted Poisson. */
    public double expected(int k) {
        return counts.length * poissonPmf(lambda(), k);
    }

    /** Pearson's chi-square statistic over k = 0 … max, the tail above max folded into the last cell. */
    public double chiSquare() {
        double lambda = lambda();
        int max = maxCount();
        double statistic = 0;
        double cumulative = 0;
        for (int k = 0; k <= max; k++) {
            double p = k == max ? 1 - cumulative : poissonPmf(lambda, k);
            cumulative += p;
            double e = counts.length * p;
            if (e > 0) {
                double d = observed(k) - e;
                statistic += d * d / e;
            }
        }
        return statistic;
    }

    /** The Poisson quantile at probability {@code p}: the least k with CDF(k) ≥ p. */
    public static int poissonQuantile(double lambda, double p) {
        double cdf = 0;
        for (int k = 0; k < 100_000; k++) {
            cdf += poissonPmf(lambda, k);
            if (cdf >= p) {
                return k;
            }
        }
        return 100_000;
    }

    public static double poissonPmf(double lambda, int k) {
        if (lambda == 0) {
            return k == 0 ? 1 : 0;
        }
        double log = -lambda + k * Math.log(lambda);
        for (int i = 2; i <= k; i++) {
            log -= Math.log(i);
        }
        return Math.exp(log);
    }

    /** Q-Q pairs: the sorted observed counts against the Poisson quantiles at (i + ½) / n. */
    public double[][] quantilePairs() {
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        double lambda = lambda();
        double[][] pairs = new double[sorted.length][];
        for (int i = 0; i < sorted.length; i++) {
            pairs[i] = new double[] {poissonQuantile(lambda, (i + 0.5) / sorted.length), sorted[i]};
        }
        return pairs;
    }
}
