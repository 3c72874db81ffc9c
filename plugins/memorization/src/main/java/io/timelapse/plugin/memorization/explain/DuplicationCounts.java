package io.timelapse.plugin.memorization.explain;

import io.timelapse.api.data.TrainingData;
import io.timelapse.api.run.Progress;
import io.timelapse.plugin.memorization.selection.RowSelection;

/**
 * How many times the first {@code length} tokens of each selected row occur anywhere in the data, for a few
 * window lengths at once. The data is one token stream, its rows one after another, so a window may straddle two
 * rows, and overlapping occurrences all count (a row counts its own window too, so every count is at least 1).
 *
 * <p>One pass: the windows of the selected rows are hashed ({@link WindowHash}) into a {@link WindowTable}; then
 * the whole stream is read once, the hash of every window rolled along it and looked up. Memory is about 20
 * bytes a selected row per length, whatever the size of the data. Counts are of hashes: a window that is not the
 * row's adds to its count with probability at most (length − 1) / (2^61 − 1) per position of the stream.
 */
public final class DuplicationCounts {

    /** Rows read from the data at a time while streaming. */
    private static final int CHUNK_TOKENS = 1 << 20;

    private final int[] lengths;
    /** counts[l][k]: occurrences of the first lengths[l] tokens of the k-th selected row. */
    private final int[][] counts;
    private final long streamTokens;

    private DuplicationCounts(int[] lengths, int[][] counts, long streamTokens) {
        this.lengths = lengths;
        this.counts = counts;
        this.streamTokens = streamTokens;
    }

    /**
     * Counts the windows of {@code rows} of {@code data} in all of {@code data}.
     *
     * @param lengths window lengths, each at most the row length
     * @param seed picks the hash's base
     * @param progress advanced by one for each row of the data streamed
     */
    public static DuplicationCounts count(TrainingData data, RowSelection rows, int[] lengths, long seed, Progress progress) {
        int rowLength = data.rowLength();
        if (rows.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows.size() + " rows selected; at most " + (Integer.MAX_VALUE - 8) + " are counted at once");
        }
        int n = (int) rows.size();
        WindowHash[] hashes = new WindowHash[lengths.length];
        int ring = 1;
        for (int l = 0; l < lengths.length; l++) {
            if (lengths[l] < 1 || lengths[l] > rowLength) {
                throw new IllegalArgumentException("window of " + lengths[l] + " tokens, but rows hold " + rowLength);
            }
            hashes[l] = new WindowHash(lengths[l], seed + l);
            ring = Math.max(ring, Integer.highestOneBit(lengths[l] - 1) << 1);
        }
        WindowTable[] tables = new WindowTable[lengths.length];
        int[][] positions = new int[lengths.length][];
        long[][] rowHashes = new long[lengths.length][n];
        int[] tokens = new int[rowLength];
        for (int k = 0; k < n; k++) {
            data.readRow(rows.row(k), tokens);
            for (int l = 0; l < lengths.length; l++) {
                rowHashes[l][k] = hashes[l].of(tokens, 0);
            }
        }
        for (int l = 0; l < lengths.length; l++) {
            tables[l] = new WindowTable(rowHashes[l]);
            positions[l] = new int[n];
            for (int k = 0; k < n; k++) {
                positions[l][k] = tables[l].indexOf(rowHashes[l][k]);
            }
            rowHashes[l] = null;
        }
        long streamed = stream(data, hashes, tables, ring - 1, progress);
        int[][] counts = new int[lengths.length][n];
        for (int l = 0; l < lengths.length; l++) {
            for (int k = 0; k < n; k++) {
                counts[l][k] = tables[l].count(positions[l][k]);
            }
        }
        return new DuplicationCounts(lengths.clone(), counts, streamed);
    }

    /** Rolls every window hash along the data's rows, one after another, and counts the hits; returns the tokens read. */
    private static long stream(TrainingData data, WindowHash[] hashes, WindowTable[] tables, int mask, Progress progress) {
        int rowLength = data.rowLength();
        int chunkRows = Math.max(1, CHUNK_TOKENS / rowLength);
        int[] chunk = new int[chunkRows * rowLength];
        int[] recent = new int[mask + 1];
        long[] h = new long[hashes.length];
        int[] lengths = new int[hashes.length];
        for (int l = 0; l < hashes.length; l++) {
            lengths[l] = hashes[l].length();
        }
        long t = 0;
        for (long first = 0; first < data.rowCount(); first += chunkRows) {
            int count = (int) Math.min(chunkRows, data.rowCount() - first);
            data.readRows(first, count, chunk, 0);
            int end = count * rowLength;
            for (int i = 0; i < end; i++, t++) {
                int token = chunk[i];
                for (int l = 0; l < h.length; l++) {
                    int length = lengths[l];
                    if (t >= length) {
                        h[l] = hashes[l].roll(h[l], token, recent[(int) (t - length) & mask]);
                        tables[l].offer(h[l]);
                    } else {
                        h[l] = hashes[l].grow(h[l], token);
                        if (t == length - 1) {
                            tables[l].offer(h[l]);
                        }
                    }
                }
                recent[(int) t & mask] = token;
            }
            progress.advance(count);
        }
        return t;
    }

    /** The window lengths counted, in the order given. */
    public int[] lengths() {
        return lengths.clone();
    }

    /** Occurrences in the data of the first {@code lengths()[l]} tokens of the {@code k}-th selected row. */
    public int count(int l, int k) {
        return counts[l][k];
    }

    /** Tokens in the stream the windows were counted in. */
    public long streamTokens() {
        return streamTokens;
    }
}
