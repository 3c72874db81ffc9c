package io.timelapse.lib.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.jfree.chart.JFreeChart;

/**
 * A figure in the house style, built step by step and written as {@code name.png} and
 * {@code name.svg}.
 *
 * @param <F> the kind of figure, so that each step returns it
 */
public abstract sealed class Figure<F extends Figure<F>> permits XyFigure, BarPlot {

    static {
        // Draw off-screen even where a display is set; must happen before AWT starts, so before any
        // figure exists.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final String title;
    private FigureSize size = FigureSize.COLUMN;

    Figure(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** The printed size; {@link FigureSize#COLUMN} unless set. */
    public F size(FigureSize size) {
        this.size = Objects.requireNonNull(size, "size");
        return self();
    }

    /**
     * Writes {@code name.png} and {@code name.svg} into {@code directory} (created if missing), each
     * atomically: a reader sees the old file or the new one, never part of one.
     */
    public PlotFiles write(Path directory, String name) throws IOException {
        return FigureFiles.write(chart(), size, directory, name);
    }

    /** The title above the plot; an empty title draws none. */
    String title() {
        return title;
    }

    FigureSize size() {
        return size;
    }

    abstract F self();

    /** The whole figure in the house style. */
    abstract JFreeChart chart();
}
