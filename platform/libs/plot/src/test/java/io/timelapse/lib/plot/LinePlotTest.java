package io.timelapse.lib.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class LinePlotTest {

    @TempDir
    Path dir;

    private static final double[] COMPUTE = {1.2e12, 3.5e12, 1.1e13, 4.0e13, 1.6e14};

    @Test
    void eachSeriesIsOneCurveInItsOkabeItoColour() throws IOException {
        PlotFiles files = LinePlot.of("Three curves").xAxis("step", Scale.LINEAR).yAxis("accuracy", Scale.LINEAR)
                .series("a", new double[] {1, 2, 3}, new double[] {0.1, 0.2, 0.3})
                .series("b", new double[] {1, 2, 3}, new double[] {0.2, 0.3, 0.4})
                .series("c", new double[] {1, 2, 3}, new double[] {0.3, 0.4, 0.5})
                .write(dir, "curves");

        assertEquals(dir.resolve("curves.svg"), files.svg());
        SvgDocument svg = SvgDocument.parse(files.svg());
        List<Element> curves = svg.seriesCurves();
        assertEquals(3, curves.size());
        for (Element curve : curves) {
            assertEquals(1, curve.getElementsByTagNameNS("*", "path").getLength(), curve.getAttribute("id"));
        }
        assertTrue(style(svg, "series-0").contains("stroke:rgb(0,114,178)"), style(svg, "series-0"));
        assertTrue(style(svg, "series-1").contains("stroke:rgb(213,94,0)"), style(svg, "series-1"));
        assertTrue(style(svg, "series-2").contains("stroke:rgb(0,158,115)"), style(svg, "series-2"));
        assertTrue(svg.texts().containsAll(List.of("Three curves", "step", "accuracy", "a", "b", "c")), svg.texts().toString());
    }

    @Test
    void aLogAxisIsLabelledAtDecadesAsPowersOfTen() throws IOException {
        PlotFiles files = LinePlot.of("").xAxis("compute (FLOPs)", Scale.LOG).yAxis("recall", Scale.LINEAR)
                .series("recall", COMPUTE, new double[] {0.1, 0.2, 0.28, 0.4, 0.55}).write(dir, "recall");

        List<String> powers = SvgDocument.parse(files.svg()).texts().stream().filter(t -> t.startsWith("10")).toList();
        assertEquals(List.of("10¹²", "10¹³", "10¹⁴"), powers);
    }

    @Test
    void aLogAxisOverLessThanADecadeStillShowsTwoDecades() throws IOException {
        double[] x = {Math.pow(10, 12.75), Math.pow(10, 12.8), Math.pow(10, 12.85)};
        PlotFiles files = LinePlot.of("").xAxis("compute", Scale.LOG).yAxis("recall", Scale.LINEAR)
                .series("recall", x, new double[] {0.1, 0.2, 0.3}).write(dir, "narrow");

        List<String> texts = SvgDocument.parse(files.svg()).texts();
        assertEquals(List.of("10¹²", "10¹³"), texts.stream().filter(t -> t.startsWith("10")).toList());
        assertFalse(texts.stream().anyMatch(t -> t.contains("12.75") || t.contains("12.8")), texts.toString());
    }

    @Test
    void pointsALogAxisCannotShowLeaveAGapInTheLine() throws IOException {
        PlotFiles files = LinePlot.of("").xAxis("score", Scale.LINEAR).yAxis("fraction of rows", Scale.LOG)
                .series("rows", new double[] {0, 1, 2, 3, 4}, new double[] {0.5, 0.2, 0, 1e-3, 2e-3}).write(dir, "histogram");

        SvgDocument svg = SvgDocument.parse(files.svg());
        assertEquals(1, svg.seriesCurves().size());
        String path = ((Element) svg.seriesCurves().get(0).getElementsByTagNameNS("*", "path").item(0)).getAttribute("d");
        assertEquals(2, path.chars().filter(c -> c == 'M').count(), "two pieces, split at the zero: " + path);
        assertEquals(List.of("10⁻³", "10⁻²", "10⁻¹"), svg.texts().stream().filter(t -> t.startsWith("10")).toList());
    }

    @Test
    void oneSeriesHasNoLegend() throws IOException {
        PlotFiles files = LinePlot.of("").xAxis("step", Scale.LINEAR).yAxis("loss", Scale.LINEAR)
                .series("the only curve", new double[] {1, 2}, new double[] {3, 4}).write(dir, "single");

        assertFalse(SvgDocument.parse(files.svg()).texts().contains("the only curve"));
    }

    @Test
    void referenceLinesAreDashedInTheirSeriesColourOrGreyAndAColourIsNeverReused() throws IOException {
        LinePlot plot = LinePlot.of("").xAxis("step", Scale.LINEAR).yAxis("accuracy", Scale.LINEAR);
        double[] x = {1, 2};
        for (int i = 0; i < 9; i++) {
            plot.series("s" + i, x, new double[] {0.1 * i, 0.1 * i + 0.05});
        }
        plot.reference("chance", x, new double[] {0.1, 0.1}, null);
        plot.reference("s1 entropy", x, new double[] {0.5, 0.5}, "s1");
        SvgDocument svg = SvgDocument.parse(plot.write(dir, "references").svg());
        assertEquals(11, svg.seriesCurves().size());
        assertFalse(style(svg, "series-0").contains("stroke-dasharray"), style(svg, "series-0"));
        // The ninth data series takes the first colour again, dashed.
        assertTrue(style(svg, "series-8").contains("stroke:rgb(0,114,178)"), style(svg, "series-8"));
        assertTrue(style(svg, "series-8").contains("stroke-dasharray"), style(svg, "series-8"));
        assertTrue(style(svg, "series-9").contains("stroke:rgb(128,128,128)"), style(svg, "series-9"));
        assertTrue(style(svg, "series-9").contains("stroke-dasharray"), style(svg, "series-9"));
        assertTrue(style(svg, "series-10").contains("stroke:rgb(213,94,0)"), style(svg, "series-10"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> plot.reference("r", x, x, "nope"));
        assertEquals("reference r: no data series nope to take the colour of", unknown.getMessage());
    }

    @Test
    void badSeriesAreRefusedByName() {
        LinePlot plot = LinePlot.of("").series("a", new double[] {1}, new double[] {1});
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class,
                () -> plot.series("b", new double[] {1, 2}, new double[] {1}));
        assertEquals("series b: 2 x values for 1 y values", length.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> plot.series("a", new double[] {1}, new double[] {1}));
        assertEquals("series a is already in the figure", twice.getMessage());
    }

    private static String style(SvgDocument svg, String id) {
        return svg.seriesCurves().stream().filter(e -> e.getAttribute("id").equals(id)).findFirst().orElseThrow().getAttribute("style");
    }
}
