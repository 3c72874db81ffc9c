package io.timelapse.lib.bench;

import java.util.Arrays;

/**
 * The spread of repeated measurements: the least, the median and the largest of {@code count} values. A benchmark
 * reports all three, so a reader sees how stable a figure is, not only its best case.
 */
public record Spread(double min, double median, double max, int count) {

    public Spread {
        if (count < 1) {
            throw new IllegalArgumentException("a spread of no values");
        }
        if (!(min <= median && median <= max)) {
            throw new IllegalArgumentException("min " + min + " ≤ median " + median + " ≤ max " + max + " does not hold");
        }
    }

    /** The spread of {@code values}, at least one. */
    public static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a spread of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Spread(sorted[0], Timing.median(sorted), sorted[sorted.length - 1], sorted.length);
    }

    /** One value measured once, or a reference that reports one figure only. */
    public static Spread single(double value) {
        return new Spread(value, value, value, 1);
    }

    /** Each value times {@code factor}, which must be positive: seconds to milliseconds, say. */
    public Spread times(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("the factor must be positive, not " + factor);
        }
        return new Spread(min * factor, median * factor, max * factor, count);
    }

    /**
     * {@code numerator} divided by each value: seconds of a fixed amount of work to its rate. The order turns
     * round, so the least time gives the largest rate.
     */
    public Spread rate(double numerator) {
        if (!(numerator > 0) || !(min > 0)) {
            throw new IllegalArgumentException("a rate needs a positive amount of work and positive times, not " + numerator + " / " + this);
        }
        return new Spread(numerator / max, numerator / median, numerator / min, count);
    }
}
