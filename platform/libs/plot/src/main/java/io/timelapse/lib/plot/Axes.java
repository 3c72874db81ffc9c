package io.timelapse.lib.plot;

import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;

/** Value axes in the house style, over a range chosen from the data. */
final class Axes {

    private static final double MARGIN = 0.05;

    private Axes() {}

    /** An axis for data in {@code [min, max]} ({@code NaN} when there is none). */
    static ValueAxis of(String label, Scale scale, double min, double max) {
        if (scale == Scale.LOG) {
            double[] range = DecadeTicks.range(min, max);
            return HouseStyle.axis(new DecadeAxis(label, range[0], range[1]));
        }
        NumberAxis axis = HouseStyle.axis(new NumberAxis(label));
        if (Double.isNaN(min)) {
            axis.setRange(0, 1);
        } else {
            double margin = max > min ? MARGIN * (max - min) : Math.max(1, Math.abs(min) * 0.1);
            axis.setRange(min - margin, max + margin);
        }
        return axis;
    }
}
