package io.timelapse.lib.plot;

import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Bars of values by category, from zero; several series put their bars side by side in each
 * category. Category labels are turned 45° when they would not fit side by side.
 */
public final class BarPlot extends Figure<BarPlot> {

    private record Bars(String name, List<String> categories, double[] values) {}

    private String categoryLabel = "";
    private String valueLabel = "";
    private final List<Bars> series = new ArrayList<>();

    private BarPlot(String title) {
        super(title);
    }

    /** A bar plot with this title; an empty title draws none. */
    public static BarPlot of(String title) {
        return new BarPlot(title);
    }

    /** The label under the categories. */
    public BarPlot xAxis(String label) {
        this.categoryLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /** The label of the values, which start at zero on a linear axis. */
    public BarPlot yAxis(String label) {
        this.valueLabel = Objects.requireNonNull(label, "label");
        return this;
    }

    /**
     * Adds one bar per category for this series; non-finite values draw no bar.
     *
     * @throws IllegalArgumentException if categories and values differ in length or the name is already used
     */
    public BarPlot series(String name, List<String> categories, double[] values) {
        Objects.requireNonNull(name, "name");
        if (categories.size() != values.length) {
            throw new IllegalArgumentException("series " + name + ": " + categories.size() + " categories for " + values.length + " values");
        }
        if (series.stream().anyMatch(s -> s.name().equals(name))) {
            throw new IllegalArgumentException("series " + name + " is already in the figure");
        }
        series.add(new Bars(name, List.copyOf(categories), values.clone()));
        return this;
    }

    @Override
    BarPlot self() {
        return this;
    }

    @Override
    JFreeChart chart() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bars bars : series) {
            for (int i = 0; i < bars.values().length; i++) {
                double value = bars.values()[i];
                data.addValue(Double.isFinite(value) ? value : null, bars.name(), bars.categories().get(i));
            }
        }
        CategoryAxis categories = HouseStyle.axis(new CategoryAxis(categoryLabel));
        categories.setTickMarksVisible(false);
        categories.setCategoryMargin(0.2);
        categories.setLowerMargin(0.04);
        categories.setUpperMargin(0.04);
        if (!labelsFitSideBySide()) {
            categories.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis values = HouseStyle.axis(new NumberAxis(valueLabel));
        values.setAutoRangeIncludesZero(true);
        values.setUpperMargin(0.05);
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setDrawBarOutline(false);
        renderer.setItemMargin(0.05);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesPaint(i, HouseStyle.colour(i));
        }
        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinePaint(HouseStyle.GRID);
        plot.setRangeGridlineStroke(HouseStyle.GRID_STROKE);
        return HouseStyle.chart(title(), plot, series.size() > 1);
    }

    /** Whether the widest category label fits in its share of the figure's width. */
    private boolean labelsFitSideBySide() {
        Set<String> categories = new LinkedHashSet<>();
        series.forEach(bars -> categories.addAll(bars.categories()));
        FontRenderContext context = new FontRenderContext(null, true, true);
        double widest = 0;
        for (String category : categories) {
            widest = Math.max(widest, HouseStyle.TICK_FONT.getStringBounds(category, context).getWidth());
        }
        return widest * categories.size() <= 0.8 * (size().widthPoints() - 40);
    }
}
