package io.timelapse.lib.plot;

import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.AxisState;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/** A base-10 log axis ticked by {@link DecadeTicks}: labels such as 10¹² at whole decades only. */
final class DecadeAxis extends LogAxis {

    private static final long serialVersionUID = 1L;

    DecadeAxis(String label, double lower, double upper) {
        super(label);
        setBase(10);
        setRange(lower, upper);
        setMinorTickMarksVisible(true);
    }

    @Override
    public List<ValueTick> refreshTicks(Graphics2D g2, AxisState state, Rectangle2D dataArea, RectangleEdge edge) {
        boolean horizontal = RectangleEdge.isTopOrBottom(edge);
        TextAnchor anchor = horizontal
                ? (edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER)
                : (edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
        double lower = getLowerBound();
        double upper = getUpperBound();
        DecadeTicks decades = DecadeTicks.between(lower, upper, DecadeTicks.step(lower, upper, maxLabels(g2, dataArea, horizontal)));
        List<ValueTick> ticks = new ArrayList<>();
        for (int exponent : decades.majors()) {
            ticks.add(new NumberTick(TickType.MAJOR, DecadeTicks.decade(exponent), DecadeTicks.label(exponent), anchor, anchor, 0));
        }
        for (double minor : decades.minors()) {
            // Empty, not null: JFreeChart skips the mark of a tick whose text is null.
            ticks.add(new NumberTick(TickType.MINOR, minor, "", anchor, anchor, 0));
        }
        return ticks;
    }

    /** How many labels fit along the axis with room between them. */
    private int maxLabels(Graphics2D g2, Rectangle2D dataArea, boolean horizontal) {
        FontMetrics metrics = g2.getFontMetrics(getTickLabelFont());
        double label = horizontal ? 1.8 * metrics.stringWidth(DecadeTicks.label(-88)) : 2.5 * metrics.getHeight();
        return (int) ((horizontal ? dataArea.getWidth() : dataArea.getHeight()) / label);
    }
}
