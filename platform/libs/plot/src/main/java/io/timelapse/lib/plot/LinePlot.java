package io.timelapse.lib.plot;

import java.util.List;
/**
 * Curves through their points, such as a metric at each checkpoint against the training step:
 * each series is a line joining its points in order of x, with a marker at every point.
 *
 * <pre>{@code
 * LinePlot.of("Memorization during training")
 *         .xAxis("step", Scale.LOG).yAxis("memorized rows (%)", Scale.LINEAR)
 *         .series("70M", steps, memorized70m).series("410M", steps, memorized410m)
 *         .write(runDirectory, "memorized_vs_step");   // memorized_vs_step.png and .svg
 * }</pre>
 */
public final class LinePlot extends XyFigure<LinePlot> {

    private boolean markers = true;

    private LinePlot(String title) {
        super(title);
    }

    /** A line plot with this title; an empty title draws none. */
    public static LinePlot of(String title) {
        return new LinePlot(title);
    }

    /** Whether each point gets a marker (the default); dense curves read better without. */
    public LinePlot markers(boolean markers) {
        this.markers = markers;
        return this;
    }

    @Override
    LinePlot self() {
        return this;
    }

    @Override
    boolean sortsByX() {
        return true;
    }

    @Override
    SeriesRenderer renderer(List<Series> all) {
        return new SeriesRenderer(all, true, markers);
    }
}
