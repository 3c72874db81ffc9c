package io.timelapse.plugin.pythia.bench;

import io.timelapse.lib.bench.Timing;
import java.util.Arrays;

/** The least, median and greatest of repeated timings, in milliseconds. */
public record Spread(double min, double median, double max) {

    public static Spread of(double[] millis) {
        return new Spread(Arrays.stream(millis).min().orElseThrow(), Timing.median(millis), Arrays.stream(millis).max().orElseThrow());
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%.3f / %.3f / %.3f", min, median, max);
    }
}
