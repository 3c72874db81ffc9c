package io.timelapse.plugin.pythia.dataset;

/** Weight normalization with the same floating-point steps as the reference. */
final class Weights {

    private Weights() {}

    /** {@code w / sum(w)} with Python's left-to-right sum. */
    static double[] normalizeLikePython(double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        return divide(weights, sum);
    }

    /** {@code w / np.sum(w)}, with NumPy's pairwise summation. */
    static double[] normalizeLikeNumpy(double[] weights) {
        return divide(weights, pairwiseSum(weights, 0, weights.length));
    }

    private static double[] divide(double[] weights, double sum) {
        if (!(sum > 0)) {
            throw new IllegalArgumentException("weights must sum to a positive value, got " + sum);
        }
        double[] out = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            out[i] = weights[i] / sum;
        }
        return out;
    }

    /** NumPy's {@code pairwise_sum} for doubles: blocks of 8 partial sums, halving above 128 elements. */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double sum = 0.0;
            for (int i = 0; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        if (n <= 128) {
            double[] r = new double[8];
            for (int j = 0; j < 8; j++) {
                r[j] = a[from + j];
            }
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                for (int j = 0; j < 8; j++) {
                    r[j] += a[from + i + j];
                }
            }
            double sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                sum += a[from + i];
            }
            return sum;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }
}
