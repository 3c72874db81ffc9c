package io.timelapse.plugin.memorization.explain;

import io.timelapse.api.data.TrainingData;
import io.timelapse.api.run.Progress;
import io.timelapse.plugin.memorization.selection.RowSelection;
import java.util.stream.LongStream;

/**
 * How many times the first {@code length} tokens of each selected row occur anywhere in the data, for a few
 * window lengths at once. The data is one token stream, its rows one after another, so a window may straddle two
 * rows, and overlapping occurrences all count (a row counts its own window too, so every count is at least 1).
 *
 * <p>One pass: the windows of the selected rows are hashed ({@link WindowHash}) into a {@link WindowTable}; then
 * the whole stream is read once, in blocks of rows counted in parallel (so the data is read from several threads at
 * once, as the pythia service's data and {@code .npy} rows allow), the hash of every window rolled along it and looked
 * up. Memory is about 20 bytes a selected row per length, whatever the size of the data. Counts are of hashes: a
 * window that is not the row's adds to its count with probability at most (length − 1) / (2^61 − 1) per position of
 * the stream.
 */
public final class DuplicationCounts {

    /** Rows read from the data at a time while streaming. */
    private static final int CHUNK_TOKENS = 1 << 20;
    /** Positions hashed before their lookups. */
    private static final int BLOCK = 1 << 10;

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
        return count(data, rows, lengths, seed, progress, CHUNK_TOKENS, BLOCK);
    }

    /** {@link #count} reading about {@code chunkTokens} tokens at a time and hashing {@code block} positions before their lookups. */
    static DuplicationCounts count(TrainingData data, RowSelection rows, int[] lengths, long seed, Progress progress, int chunkTokens,
                                   int block) {
        int rowLength = data.rowLength();
        if (rows.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows.size() + " rows selected; at most " + (Integer.MAX_VALUE - 8) + " are counted at once");
        }
        int n = (int) rows.size();
        WindowHash[] hashes = new WindowHash[lengths.length];
        for (int l = 0; l < lengths.length; l++) {
            if (lengths[l] < 1 || lengths[l] > rowLength) {
                throw new IllegalArgumentException("window of " + lengths[l] + " tokens, but rows hold " + rowLength);
            }
            hashes[l] = new WindowHash(lengths[l], seed + l);
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
        long streamed = stream(data, hashes, tables, progress, chunkTokens, block);
        // Each row's place among the keys gives way to its count.
        for (int l = 0; l < lengths.length; l++) {
            for (int k = 0; k < n; k++) {
                positions[l][k] = tables[l].count(positions[l][k]);
            }
        }
        return new DuplicationCounts(lengths.clone(), positions, streamed);
    }

    /**
     * Rolls every window hash along the data's rows, one after another, and counts the hits; returns the tokens read.
     * Blocks of rows are counted in parallel, each from the tail of the row before it, so that every window is
     * counted once, by the block it ends in.
     */
    private static long stream(TrainingData data, WindowHash[] hashes, WindowTable[] tables, Progress progress, int chunkTokens,
                               int block) {
        int rowLength = data.rowLength();
        int chunkRows = Math.max(1, chunkTokens / rowLength);
        long chunks = (data.rowCount() + chunkRows - 1) / chunkRows;
        int pad = 0;
        for (WindowHash hash : hashes) {
            pad = Math.max(pad, hash.length() - 1);
        }
        int context = pad;
        LongStream.range(0, chunks).parallel().forEach(c -> {
            long first = c * chunkRows;
            int count = (int) Math.min(chunkRows, data.rowCount() - first);
            countChunk(data, first, count, context, hashes, tables, block);
            synchronized (progress) {
                progress.advance(count);
            }
        });
        return data.rowCount() * rowLength;
    }

    /**
     * Counts the windows that end in rows {@code [first, first + count)}: the rows are read after the last
     * {@code context} tokens of the row before, and the hashes of a block of positions are computed before their
     * lookups, so that the lookups, each a likely cache miss, do not wait on one another.
     */
    private static void countChunk(TrainingData data, long first, int count, int context, WindowHash[] hashes, WindowTable[] tables,
                                   int block) {
        int rowLength = data.rowLength();
        int[] tokens = new int[context + count * rowLength];
        if (first > 0) {
            int[] before = data.row(first - 1);
            System.arraycopy(before, rowLength - context, tokens, 0, context);
        }
        data.readRows(first, count, tokens, context);
        long[] found = new long[block];
        for (int l = 0; l < hashes.length; l++) {
            WindowHash hash = hashes[l];
            WindowTable table = tables[l];
            int length = hash.length();
            int start = first > 0 ? context - length + 1 : context;
            long h = hash.of(tokens, start);
            table.offer(h);
            for (int from = start + length; from < tokens.length; from += block) {
                int to = Math.min(tokens.length, from + block);
                for (int e = from; e < to; e++) {
                    h = hash.roll(h, tokens[e], tokens[e - length]);
                    found[e - from] = h;
                }
                for (int i = 0; i < to - from; i++) {
                    table.offer(found[i]);
                }
            }
        }
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
