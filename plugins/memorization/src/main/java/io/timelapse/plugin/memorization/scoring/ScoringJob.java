package io.timelapse.plugin.memorization.scoring;

import io.timelapse.api.data.TrainingData;
import io.timelapse.api.run.Progress;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.table.ScoreLog;
import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.TableHeader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Scores the rows of a selection batch by batch, appending each finished batch to a
 * {@link ScoreLog}. Run again after a kill with the same log, it skips the rows already there.
 */
public final class ScoringJob {

    /** The finished table and how much of it came from an earlier, interrupted run. */
    public record Outcome(ScoreTable table, long resumedRows, long scoredRows, long discardedLogBytes) {}

    private ScoringJob() {}

    /**
     * @param rows the rows to score (one shard's part of the selection)
     * @param header the table's header; a log written under another header is refused
     * @param batchRows rows per scorer call
     */
    public static Outcome run(TrainingData data, RowSelection rows, TableHeader header, BatchScorer scorer, Path logFile, int batchRows,
                              Progress progress) throws IOException {
        int window = header.prefixLength() + header.continuationLength();
        if (window > data.rowLength()) {
            throw new IllegalArgumentException(data.source() + ": rows hold " + data.rowLength() + " tokens, fewer than prefix + continuation = "
                    + window);
        }
        if (rows.size() > 0 && rows.row(rows.size() - 1) >= data.rowCount()) {
            throw new IllegalArgumentException(data.source() + " has " + data.rowCount() + " rows; the selection reaches row "
                    + rows.row(rows.size() - 1));
        }
        if (rows.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows.size() + " rows are too many for one table; use --shard i/n");
        }
        if (batchRows < 1) {
            throw new IllegalArgumentException("rows per batch must be ≥ 1, got " + batchRows);
        }
        int size = (int) rows.size();
        byte[] matches = new byte[size];
        long[] done = new long[(size + 63) / 64];
        long[] resumed = {0};
        try (ScoreLog log = ScoreLog.open(logFile, header, (row, count) -> {
            long position = rows.positionOf(row);
            if (position < 0 || count > header.continuationLength()) {
                throw new IOException(logFile + ": holds row " + row + " with " + count + " matches, which this job does not score");
            }
            if ((done[(int) (position >>> 6)] & (1L << position)) == 0) {
                resumed[0]++;
            }
            done[(int) (position >>> 6)] |= 1L << position;
            matches[(int) position] = (byte) count;
        })) {
            progress.advance(resumed[0]);
            int[] rowTokens = new int[data.rowLength()];
            int[] windows = new int[batchRows * window];
            long[] batchRowsIndex = new long[batchRows];
            int[] batchPositions = new int[batchRows];
            byte[] batchMatches = new byte[batchRows];
            long scored = 0;
            int filled = 0;
            for (int position = 0; position < size; position++) {
                if ((done[position >>> 6] & (1L << position)) != 0) {
                    continue;
                }
                long row = rows.row(position);
                data.readRow(row, rowTokens);
                System.arraycopy(rowTokens, 0, windows, filled * window, window);
                batchRowsIndex[filled] = row;
                batchPositions[filled] = position;
                filled++;
                if (filled == batchRows || position == size - 1) {
                    scored += flush(scorer, log, windows, filled, batchRowsIndex, batchPositions, batchMatches, matches, progress);
                    filled = 0;
                }
            }
            if (filled > 0) {
                scored += flush(scorer, log, windows, filled, batchRowsIndex, batchPositions, batchMatches, matches, progress);
            }
            return new Outcome(new ScoreTable(header, rows, matches), resumed[0], scored, log.discardedBytes());
        }
    }

    private static int flush(BatchScorer scorer, ScoreLog log, int[] windows, int filled, long[] rowIndex, int[] positions, byte[] batchMatches,
                             byte[] matches, Progress progress) throws IOException {
        scorer.score(windows, filled, batchMatches);
        log.append(rowIndex, batchMatches, filled);
        for (int i = 0; i < filled; i++) {
            matches[positions[i]] = batchMatches[i];
        }
        progress.advance(filled);
        return filled;
    }
}
