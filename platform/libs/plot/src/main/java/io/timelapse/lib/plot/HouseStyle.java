package io.timelapse.lib.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.util.ShapeUtils;

/**
 * The one look of every figure, in points of a figure printed at its {@link FigureSize}: fonts,
 * strokes, markers and the Okabe–Ito colours (Okabe and Ito, "Color Universal Design", 2002), which
 * stay distinct to readers with any common colour-vision deficiency.
 */
final class HouseStyle {

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 9);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 8);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 7);
    static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 7);

    static final Color INK = Color.BLACK;
    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color REFERENCE = new Color(0x80, 0x80, 0x80);

    static final Stroke FRAME_STROKE = new BasicStroke(0.6f);
    static final Stroke GRID_STROKE = new BasicStroke(0.4f);
    static final Stroke LINE_STROKE = new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke SECOND_CYCLE_STROKE = new BasicStroke(1.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
            new float[] {6f, 3f}, 0f);
    static final Stroke REFERENCE_STROKE = new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {3f, 2f}, 0f);

    /** Okabe–Ito, ordered so that the first colours are the most distinct on white; yellow comes last. */
    private static final List<Color> PALETTE = List.of(
            new Color(0x00, 0x72, 0xB2),  // blue
            new Color(0xD5, 0x5E, 0x00),  // vermillion
            new Color(0x00, 0x9E, 0x73),  // bluish green
            new Color(0xCC, 0x79, 0xA7),  // reddish purple
            new Color(0xE6, 0x9F, 0x00),  // orange
            new Color(0x56, 0xB4, 0xE9),  // sky blue
            new Color(0x00, 0x00, 0x00),  // black
            new Color(0xF0, 0xE4, 0x42)); // yellow

    private static final float MARKER = 2.2f;

    /** One marker per series as well as a colour, so that series stay apart in greyscale print. */
    private static final List<Shape> MARKERS = List.of(
            new Ellipse2D.Double(-MARKER, -MARKER, 2 * MARKER, 2 * MARKER),
            new Rectangle2D.Double(-0.9 * MARKER, -0.9 * MARKER, 1.8 * MARKER, 1.8 * MARKER),
            ShapeUtils.createUpTriangle(1.1f * MARKER),
            ShapeUtils.createDiamond(1.2f * MARKER),
            ShapeUtils.createDownTriangle(1.1f * MARKER));

    private HouseStyle() {}

    static Color colour(int series) {
        return PALETTE.get(series % PALETTE.size());
    }

    /** Solid for the first cycle of colours, dashed for the next, so that no two series look alike. */
    static Stroke lineStroke(int series) {
        return series < PALETTE.size() ? LINE_STROKE : SECOND_CYCLE_STROKE;
    }

    static Shape marker(int series) {
        return MARKERS.get(series % MARKERS.size());
    }

    /** The figure around a styled plot: the title above it, and the legend below it, off the data. */
    static JFreeChart chart(String title, Plot plot, boolean legend) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(INK);
        plot.setOutlineStroke(FRAME_STROKE);
        plot.setInsets(new RectangleInsets(2, 2, 2, 6));
        JFreeChart chart = new JFreeChart(title.isBlank() ? null : title, TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(4, 4, 4, 4));
        if (chart.getTitle() != null) {
            chart.getTitle().setPaint(INK);
            chart.getTitle().setPadding(new RectangleInsets(0, 0, 4, 0));
        }
        if (legend) {
            LegendTitle legendTitle = new LegendTitle(plot);
            legendTitle.setPosition(RectangleEdge.BOTTOM);
            legendTitle.setItemFont(LEGEND_FONT);
            legendTitle.setItemPaint(INK);
            legendTitle.setFrame(BlockBorder.NONE);
            legendTitle.setBackgroundPaint(Color.WHITE);
            legendTitle.setPadding(new RectangleInsets(4, 0, 0, 0));
            chart.addSubtitle(legendTitle);
        }
        return chart;
    }

    /** Fonts, ink and tick marks of an axis: ticks point outwards, minor ticks half as long. */
    static <A extends Axis> A axis(A axis) {
        axis.setLabelFont(LABEL_FONT);
        axis.setLabelPaint(INK);
        axis.setLabelInsets(new RectangleInsets(2, 2, 2, 2));
        axis.setTickLabelFont(TICK_FONT);
        axis.setTickLabelPaint(INK);
        axis.setTickLabelInsets(new RectangleInsets(1.5, 1.5, 1.5, 1.5));
        axis.setAxisLineVisible(false);
        axis.setTickMarkPaint(INK);
        axis.setTickMarkStroke(FRAME_STROKE);
        axis.setTickMarkInsideLength(0);
        axis.setTickMarkOutsideLength(3);
        if (axis instanceof ValueAxis value) {
            value.setMinorTickMarkInsideLength(0);
            value.setMinorTickMarkOutsideLength(1.5f);
        }
        return axis;
    }
}
