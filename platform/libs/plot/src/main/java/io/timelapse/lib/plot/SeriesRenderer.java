package io.timelapse.lib.plot;

import java.awt.Graphics2D;
import java.awt.Shape;
import java.util.List;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.svg.SVGHints;

/**
 * Draws each data series in its house colour and marker (dashed after the palette's eight colours), and each
 * reference line dashed, without markers, in its data series' colour or grey; every line as one path. In SVG
 * that path has the id {@code series-<index>}, so a reader (or a test) can find each curve.
 */
final class SeriesRenderer extends XYLineAndShapeRenderer {

    private static final long serialVersionUID = 1L;

    SeriesRenderer(List<Series> all, boolean lines, boolean markers) {
        super(lines, markers);
        setDrawSeriesLineAsPath(true);
        setDrawOutlines(false);
        setDefaultShapesFilled(true);
        List<String> data = all.stream().filter(s -> !s.reference()).map(Series::name).toList();
        for (int i = 0; i < all.size(); i++) {
            Series series = all.get(i);
            if (series.reference()) {
                setSeriesPaint(i, series.like() == null ? HouseStyle.REFERENCE : HouseStyle.colour(data.indexOf(series.like())));
                setSeriesStroke(i, HouseStyle.REFERENCE_STROKE);
                setSeriesShapesVisible(i, false);
                setSeriesLinesVisible(i, true);
            } else {
                int position = data.indexOf(series.name());
                setSeriesPaint(i, HouseStyle.colour(position));
                setSeriesShape(i, HouseStyle.marker(position));
                setSeriesStroke(i, HouseStyle.lineStroke(position));
            }
        }
    }

    @Override
    protected void drawFirstPassShape(Graphics2D g2, int pass, int series, int item, Shape shape) {
        g2.setRenderingHint(SVGHints.KEY_ELEMENT_ID, "series-" + series);
        super.drawFirstPassShape(g2, pass, series, item, shape);
    }
}
