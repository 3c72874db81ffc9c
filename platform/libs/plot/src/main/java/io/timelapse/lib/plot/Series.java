package io.timelapse.lib.plot;

import java.util.Objects;

/**
 * The points of one named curve or scatter.
 *
 * @param reference whether it is a reference line (dashed, no markers) rather than data
 * @param like for a reference line, the name of the data series whose colour it takes, or null for grey
 */
record Series(String name, double[] x, double[] y, boolean reference, String like) {

    Series(String name, double[] x, double[] y) {
        this(name, x, y, false, null);
    }

    Series {
        Objects.requireNonNull(name, "name");
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x values for " + y.length + " y values");
        }
        x = x.clone();
        y = y.clone();
    }

    /** Whether point {@code i} can be drawn: finite, and positive on a log axis. */
    boolean drawable(int i, Scale xScale, Scale yScale) {
        return fits(x[i], xScale) && fits(y[i], yScale);
    }

    static boolean fits(double value, Scale scale) {
        return Double.isFinite(value) && (scale != Scale.LOG || value > 0);
    }
}
