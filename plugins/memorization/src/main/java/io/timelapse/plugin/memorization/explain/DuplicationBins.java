package io.timelapse.plugin.memorization.explain;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows binned by how often their window occurs, on a log scale: counts 1, 2–3, 4–7, …, [2^b, 2^(b+1) − 1]; for each
 * bin, the rows in it and how many of them are memorized.
 */
public final class DuplicationBins {

    /** Rows whose count lies in {@code [from, to]}, and the memorized ones among them. */
    public record Bin(long from, long to, long rows, long memorized) {

        /** The memorized share of the bin's rows, {@code NaN} for an empty bin. */
        public double rate() {
            return rows == 0 ? Double.NaN : (double) memorized / rows;
        }

        public String label() {
            return from == to ? Long.toString(from) : from + "–" + to;
        }
    }

    private final long[] rows = new long[32];
    private final long[] memorized = new long[32];

    /** Adds a row whose window occurs {@code count} (at least 1) times. */
    public void add(int count, boolean isMemorized) {
        if (count < 1) {
            throw new IllegalArgumentException("a row's window occurs at least once (its own row), got " + count);
        }
        int b = 31 - Integer.numberOfLeadingZeros(count);
        rows[b]++;
        if (isMemorized) {
            memorized[b]++;
        }
    }

    /** The bins from count 1 up to the last one holding a row. */
    public List<Bin> bins() {
        int last = -1;
        for (int b = 0; b < rows.length; b++) {
            if (rows[b] > 0) {
                last = b;
            }
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b <= last; b++) {
            bins.add(new Bin(1L << b, (1L << (b + 1)) - 1, rows[b], memorized[b]));
        }
        return bins;
    }
}
