package io.timelapse.plugin.memorization.chart;

/** Points of one line or scatter of a chart; points with a non-finite coordinate are left out. */
public record Series(String name, double[] x, double[] y) {

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series " + name + ": " + x.length + " x values for " + y.length + " y values");
        }
    }
}
