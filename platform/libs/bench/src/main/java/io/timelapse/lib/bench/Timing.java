package io.timelapse.lib.bench;

import java.util.Arrays;

/** Repeated timings: each run's seconds (for a {@link Spread}), the best of N runs, and the median of measured ones. */
public final class Timing {

    private Timing() {}

    /** The seconds {@code work} took in each of {@code repeats} runs, one after another. */
    public static double[] seconds(int repeats, Runnable work) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1, not " + repeats);
        }
        double[] seconds = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        return seconds;
    }

    /** The spread of the seconds {@code work} took in {@code repeats} runs. */
    public static Spread spread(int repeats, Runnable work) {
        return Spread.of(seconds(repeats, work));
    }

    /** The fewest seconds {@code work} took in {@code repeats} runs, one after another. */
    public static double bestSeconds(int repeats, Runnable work) {
        return spread(repeats, work).min();
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
