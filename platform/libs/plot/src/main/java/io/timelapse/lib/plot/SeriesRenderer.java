package io.timelapse.lib.plot;

import java.awt.Graphics2D;
import java.awt.Shape;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.svg.SVGHints;

/**
 * Draws each series in its house colour and marker, its line as one path. In SVG that path has the
 * id {@code series-<index>}, so a reader (or a test) can find each curve.
 */
final class SeriesRenderer extends XYLineAndShapeRenderer {

    private static final long serialVersionUID = 1L;

    SeriesRenderer(int series, boolean lines, boolean markers) {
        super(lines, markers);
        setDrawSeriesLineAsPath(true);
        setDrawOutlines(false);
        setDefaultShapesFilled(true);
        for (int i = 0; i < series; i++) {
            setSeriesPaint(i, HouseStyle.colour(i));
            setSeriesShape(i, HouseStyle.marker(i));
            setSeriesStroke(i, HouseStyle.LINE_STROKE);
        }
    }

    @Override
    protected void drawFirstPassShape(Graphics2D g2, int pass, int series, int item, Shape shape) {
        g2.setRenderingHint(SVGHints.KEY_ELEMENT_ID, "series-" + series);
        super.drawFirstPassShape(g2, pass, series, item, shape);
    }
}
