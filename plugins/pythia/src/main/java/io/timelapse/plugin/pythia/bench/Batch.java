package io.timelapse.plugin.pythia.bench;

/** What one timed read reads: the rows of one step from {@code first}, or the listed {@code rows}. */
public record Batch(long first, long[] rows) {

    public static Batch step(long first) {
        return new Batch(first, null);
    }

    public static Batch rows(long[] rows) {
        return new Batch(-1, rows);
    }

    public boolean random() {
        return rows != null;
    }
}
