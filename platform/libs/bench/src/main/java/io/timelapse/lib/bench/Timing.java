package io.timelapse.lib.bench;

import java.util.Arrays;

/** The two ways a benchmark summarises repeated timings: the best of N runs, and the median of measured ones. */
public final class Timing {

    private Timing() {}

    /** The fewest seconds {@code work} took in {@code repeats} runs, one after another. */
    public static double bestSeconds(int repeats, Runnable work) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, not " + repeats);
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
        }
        return best;
    }

    /** The median of {@code values}: the middle one, or the mean of the middle two for an even count. */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
