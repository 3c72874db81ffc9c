package io.timelapse.plugin.memorization.chart;

import io.timelapse.lib.files.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Charts rendered headless to PNG files with JFreeChart. */
public final class PngCharts {

    public static final int WIDTH = 900;
    public static final int HEIGHT = 600;

    static {
        // Draw off-screen on machines without a display; must be set before AWT starts.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** How to draw an XY chart's points. */
    public enum Style { LINES, POINTS, LINES_AND_POINTS }

    private PngCharts() {}

    /** An XY chart; a log axis leaves out points that are not positive on it. */
    public static void xy(Path file, String title, String xLabel, String yLabel, boolean logX, boolean logY, Style style,
                          List<Series> series) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.x().length; i++) {
                double x = s.x()[i];
                double y = s.y()[i];
                if (Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0)) {
                    xy.add(x, y);
                }
            }
            data.addSeries(xy);
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(style != Style.POINTS, style != Style.LINES);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        XYPlot plot = new XYPlot(data, axis(xLabel, logX, data.getDomainLowerBound(false), data.getDomainUpperBound(false)),
                axis(yLabel, logY, data.getRangeLowerBound(false), data.getRangeUpperBound(false)), renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        save(file, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, series.size() > 1));
    }

    /** A bar chart of groups of values: {@code values.get(group).get(category)}. */
    public static void bars(Path file, String title, String categoryLabel, String valueLabel,
                            Map<String, Map<String, Double>> values) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        values.forEach((group, byCategory) -> byCategory.forEach((category, value) -> data.addValue(value, group, category)));
        NumberAxis valueAxis = new NumberAxis(valueLabel);
        org.jfree.chart.axis.CategoryAxis categoryAxis = new org.jfree.chart.axis.CategoryAxis(categoryLabel);
        categoryAxis.setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        CategoryPlot plot = new CategoryPlot(data, categoryAxis, valueAxis, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        save(file, new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, values.size() > 1));
    }

    /** A value axis for data in {@code [min, max]} ({@code NaN} without data). */
    private static ValueAxis axis(String label, boolean log, double min, double max) {
        if (log) {
            LogAxis axis = new LogAxis(label);
            axis.setSmallestValue(1e-12);
            if (min == max && min > 0) {
                // A log axis cannot fit its range to a single value: a decade either side.
                axis.setRange(min / 10, max * 10);
            }
            return axis;
        }
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(false);
        return axis;
    }

    private static void save(Path file, JFreeChart chart) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }
}
