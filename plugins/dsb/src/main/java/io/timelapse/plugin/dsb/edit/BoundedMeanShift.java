package io.timelapse.plugin.dsb.edit;

/**
 * The bounded mean shift: shifts a group of samples until its per-coordinate mean matches a target, keeping values
 * in [0, 1] — repeats {@code x <- clip(x - (mean(x) - target), 0, 1)} until numpy's
 * {@code allclose(mean, target, rtol=1e-5, atol=1e-8)} holds, at most {@value #MAX_ITERATIONS} times.
 */
public final class BoundedMeanShift {

    public static final int MAX_ITERATIONS = 10_000;
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-8;

    /** The result: the shifted samples and the number of shifts it took. */
    public record Result(double[][] samples, int iterations, boolean converged) {}

    private BoundedMeanShift() {}

    /** Shifts a copy of {@code group} (n × d) onto {@code target} (d). */
    public static Result shift(double[][] group, double[] target) {
        if (group.length == 0) {
            throw new IllegalArgumentException("the group to shift is empty");
        }
        int d = target.length;
        double[][] x = new double[group.length][];
        for (int r = 0; r < group.length; r++) {
            x[r] = group[r].clone();
        }
        double[] delta = new double[d];
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] mean = mean(x, d);
            if (allClose(mean, target)) {
                return new Result(x, iteration, true);
            }
            for (int p = 0; p < d; p++) {
                delta[p] = mean[p] - target[p];
            }
            for (double[] row : x) {
                for (int p = 0; p < d; p++) {
                    row[p] = Math.min(Math.max(row[p] - delta[p], 0), 1);
                }
            }
        }
        return new Result(x, MAX_ITERATIONS, allClose(mean(x, d), target));
    }

    private static double[] mean(double[][] x, int d) {
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int p = 0; p < d; p++) {
                mean[p] += row[p];
            }
        }
        for (int p = 0; p < d; p++) {
            mean[p] /= x.length;
        }
        return mean;
    }

    private static boolean allClose(double[] a, double[] b) {
        for (int p = 0; p < a.length; p++) {
            if (!(Math.abs(a[p] - b[p]) <= ATOL + RTOL * Math.abs(b[p]))) {
                return false;
            }
        }
        return true;
    }
}
