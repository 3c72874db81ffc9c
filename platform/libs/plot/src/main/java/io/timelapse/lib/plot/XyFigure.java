package io.timelapse.lib.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A figure of named series of (x, y) points on two value axes. Points that cannot be drawn (not
 * finite, or not positive on a log axis) are left out; a line has a gap where its y cannot be drawn.
 *
 * @param <F> the kind of figure, so that each step returns it
 */
public abstract sealed class XyFigure<F extends XyFigure<F>> extends Figure<F> permits LinePlot, ScatterPlot {

    private String xLabel = "";
    private Scale xScale = Scale.LINEAR;
    private String yLabel = "";
    private Scale yScale = Scale.LINEAR;
    private final List<Series> series = new ArrayList<>();

    XyFigure(String title) {
        super(title);
    }

    /** The horizontal axis: its label (units included) and scale. */
    public F xAxis(String label, Scale scale) {
        this.xLabel = Objects.requireNonNull(label, "label");
        this.xScale = Objects.requireNonNull(scale, "scale");
        return self();
    }

    /** The vertical axis: its label (units included) and scale. */
    public F yAxis(String label, Scale scale) {
        this.yLabel = Objects.requireNonNull(label, "label");
        this.yScale = Objects.requireNonNull(scale, "scale");
        return self();
    }

    /**
     * Adds a series; its colour and marker follow from its position among the data series (after the eight colours,
     * they repeat with a dashed line). The name is the legend entry,
     * shown when the figure has more than one series.
     *
     * @throws IllegalArgumentException if x and y differ in length or the name is already used
     */
    public F series(String name, double[] x, double[] y) {
        return add(new Series(name, x, y));
    }

    /**
     * Adds a reference line, such as a chance level or an entropy rate: dashed, without markers, in the colour
     * of the data series {@code like} (added before it), or grey when {@code like} is null.
     *
     * @throws IllegalArgumentException if x and y differ in length, the name is already used or {@code like} is
     *     not a data series of the figure
     */
    public F reference(String name, double[] x, double[] y, String like) {
        if (like != null && series.stream().noneMatch(s -> !s.reference() && s.name().equals(like))) {
            throw new IllegalArgumentException("reference " + name + ": no data series " + like + " to take the colour of");
        }
        return add(new Series(name, x, y, true, like));
    }

    private F add(Series added) {
        if (series.stream().anyMatch(s -> s.name().equals(added.name()))) {
            throw new IllegalArgumentException("series " + added.name() + " is already in the figure");
        }
        series.add(added);
        return self();
    }

    @Override
    final JFreeChart chart() {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries points = new XYSeries(s.name(), sortsByX(), true);
            for (int i = 0; i < s.x().length; i++) {
                if (Series.fits(s.x()[i], xScale)) {
                    // A y that cannot be drawn leaves a gap in the line rather than joining its neighbours.
                    points.add(s.x()[i], Series.fits(s.y()[i], yScale) ? s.y()[i] : Double.NaN, false);
                }
            }
            data.addSeries(points);
        }
        double[] xRange = xRange();
        double[] yRange = yRange();
        ValueAxis x = Axes.of(xLabel, xScale, xRange[0], xRange[1]);
        ValueAxis y = Axes.of(yLabel, yScale, yRange[0], yRange[1]);
        XYPlot plot = new XYPlot(data, x, y, renderer(List.copyOf(series)));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setDomainGridlinePaint(HouseStyle.GRID);
        plot.setDomainGridlineStroke(HouseStyle.GRID_STROKE);
        plot.setRangeGridlinePaint(HouseStyle.GRID);
        plot.setRangeGridlineStroke(HouseStyle.GRID_STROKE);
        annotate(plot);
        return HouseStyle.chart(title(), plot, series.size() > 1);
    }

    /** Whether a series' points are joined in order of x rather than in the order given. */
    abstract boolean sortsByX();

    abstract SeriesRenderer renderer(List<Series> all);

    /** Drawings on top of the data; none unless a figure adds them. */
    void annotate(XYPlot plot) {}

    /** The smallest and largest drawable x ({@code NaN} without any). */
    double[] xRange() {
        return extent(Series::x);
    }

    /** The smallest and largest drawable y ({@code NaN} without any). */
    double[] yRange() {
        return extent(Series::y);
    }

    private double[] extent(Function<Series, double[]> values) {
        double min = Double.NaN;
        double max = Double.NaN;
        for (Series s : series) {
            double[] v = values.apply(s);
            for (int i = 0; i < v.length; i++) {
                if (s.drawable(i, xScale, yScale)) {
                    min = Double.isNaN(min) ? v[i] : Math.min(min, v[i]);
                    max = Double.isNaN(max) ? v[i] : Math.max(max, v[i]);
                }
            }
        }
        return new double[] {min, max};
    }

    Scale xScale() {
        return xScale;
    }

    Scale yScale() {
        return yScale;
    }
}
