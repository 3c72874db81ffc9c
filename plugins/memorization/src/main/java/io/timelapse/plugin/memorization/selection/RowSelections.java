package io.timelapse.plugin.memorization.selection;

import java.util.SplittableRandom;

/** The ways {@code memorization score} selects rows. */
public final class RowSelections {

    /** The largest random subset kept as an explicit row list. */
    public static final int MAX_SUBSET = Integer.MAX_VALUE - 8;

    private RowSelections() {}

    /** Rows {@code [from, to)}. */
    public static RowRange range(long from, long to) {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("a row range needs 0 ≤ from ≤ to, got [" + from + ", " + to + ")");
        }
        return new RowRange(from, to - from);
    }

    /**
     * The rows trained at steps {@code [fromStep, toStep)}: row i is trained at step ⌊i / batchSize⌋,
     * so a checkpoint saved after step N has seen steps [0, N), rows [0, N·batchSize).
     */
    public static RowRange steps(long fromStep, long toStep, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be ≥ 1, got " + batchSize);
        }
        if (fromStep < 0 || toStep < fromStep) {
            throw new IllegalArgumentException("a step range needs 0 ≤ from ≤ to, got [" + fromStep + ", " + toStep + ")");
        }
        return range(Math.multiplyExact(fromStep, batchSize), Math.multiplyExact(toStep, batchSize));
    }

    /**
     * {@code count} distinct rows drawn uniformly from {@code [from, to)} with a seeded generator
     * (Knuth's selection sampling: one pass, the result comes out sorted, same seed same rows).
     */
    public static RowSubset random(long from, long to, int count, long seed) {
        long population = to - from;
        if (from < 0 || population < 0) {
            throw new IllegalArgumentException("a random subset needs 0 ≤ from ≤ to, got [" + from + ", " + to + ")");
        }
        if (count < 0 || count > population || count > MAX_SUBSET) {
            throw new IllegalArgumentException("cannot draw " + count + " rows from the " + population + " rows of [" + from + ", " + to + ")");
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] rows = new long[count];
        int chosen = 0;
        for (long row = from; chosen < count; row++) {
            long remaining = to - row;
            if (random.nextLong(remaining) < count - chosen) {
                rows[chosen++] = row;
            }
        }
        return new RowSubset(rows, count + " random rows of [" + from + ", " + to + ") with seed " + seed);
    }
}
