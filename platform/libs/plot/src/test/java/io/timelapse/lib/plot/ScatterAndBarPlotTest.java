package io.timelapse.lib.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScatterAndBarPlotTest {

    @TempDir
    Path dir;

    @Test
    void aScatterHasNoCurvesAndTheDiagonalIsDashed() throws IOException {
        PlotFiles files = ScatterPlot.of("Q-Q").xAxis("Poisson quantile", Scale.LINEAR).yAxis("observed count", Scale.LINEAR)
                .series("windows", new double[] {0, 1, 2, 3}, new double[] {0, 1, 3, 5}).diagonal().write(dir, "qq");

        SvgDocument svg = SvgDocument.parse(files.svg());
        assertEquals(List.of(), svg.seriesCurves());
        long dashed = svg.elements("*").stream().filter(e -> e.getAttribute("style").contains("stroke-dasharray")).count();
        assertEquals(1, dashed);
    }

    @Test
    void barsAreDrawnOnePerCategoryInThePaletteColour() throws IOException {
        PlotFiles files = BarPlot.of("Memorized").xAxis("model").yAxis("% memorized")
                .series("memorized", List.of("70m", "160m", "410m"), new double[] {1.2, 2.3, Double.NaN}).write(dir, "bars");

        SvgDocument svg = SvgDocument.parse(files.svg());
        long bars = svg.elements("rect").stream().filter(e -> e.getAttribute("style").contains("fill:rgb(0,114,178)")).count();
        assertEquals(2, bars);
        assertTrue(svg.texts().containsAll(List.of("70m", "160m", "410m", "model", "% memorized")), svg.texts().toString());
    }

    @Test
    void barsWithMismatchedCategoriesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BarPlot.of("").series("m", List.of("a", "b"), new double[] {1}));
        assertEquals("series m: 2 categories for 1 values", e.getMessage());
    }
}
