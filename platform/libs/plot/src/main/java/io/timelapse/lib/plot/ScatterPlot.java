package io.timelapse.lib.plot;

import java.util.List;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.plot.XYPlot;

/**
 * Points without lines, one marker shape and colour per series. With {@link #diagonal()} it is a
 * Q-Q or predicted-against-observed plot: both axes show the same range and a dashed line marks
 * {@code y = x}.
 */
public final class ScatterPlot extends XyFigure<ScatterPlot> {

    private boolean diagonal;

    private ScatterPlot(String title) {
        super(title);
    }

    /** A scatter plot with this title; an empty title draws none. */
    public static ScatterPlot of(String title) {
        return new ScatterPlot(title);
    }

    /**
     * Draws the line {@code y = x} (dashed, grey) and gives both axes the same range. Both axes must
     * then have one scale: {@link #write} throws {@link IllegalStateException} if they differ.
     */
    public ScatterPlot diagonal() {
        this.diagonal = true;
        return this;
    }

    @Override
    ScatterPlot self() {
        return this;
    }

    @Override
    boolean sortsByX() {
        return false;
    }

    @Override
    SeriesRenderer renderer(List<Series> all) {
        return new SeriesRenderer(all, false, true);
    }

    @Override
    double[] xRange() {
        return diagonal ? both() : super.xRange();
    }

    @Override
    double[] yRange() {
        return diagonal ? both() : super.yRange();
    }

    @Override
    void annotate(XYPlot plot) {
        if (diagonal) {
            double low = plot.getDomainAxis().getLowerBound();
            double high = plot.getDomainAxis().getUpperBound();
            plot.addAnnotation(new XYLineAnnotation(low, low, high, high, HouseStyle.REFERENCE_STROKE, HouseStyle.REFERENCE));
        }
    }

    /** The range of x and y together, so that y = x is the diagonal of the plot. */
    private double[] both() {
        if (xScale() != yScale()) {
            throw new IllegalStateException("a diagonal needs both axes on one scale; x is " + xScale() + ", y is " + yScale());
        }
        double[] x = super.xRange();
        double[] y = super.yRange();
        if (Double.isNaN(x[0])) {
            return y;
        }
        if (Double.isNaN(y[0])) {
            return x;
        }
        return new double[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])};
    }
}
