package io.timelapse.plugin.memorization.explain;

import io.timelapse.api.data.TrainingData;
import java.nio.file.Path;

/** Token rows held in an array, for tests. */
final class ArrayRows implements TrainingData {

    private final int[][] rows;

    ArrayRows(int[][] rows) {
        this.rows = rows;
    }

    @Override
    public Path source() {
        return Path.of("memory");
    }

    @Override
    public long rowCount() {
        return rows.length;
    }

    @Override
    public int rowLength() {
        return rows[0].length;
    }

    @Override
    public int batchSize() {
        return 1;
    }

    @Override
    public void readRow(long index, int[] tokens) {
        System.arraycopy(rows[(int) index], 0, tokens, 0, rows[(int) index].length);
    }

    @Override
    public void close() {}

    /** The rows one after another: the stream whose windows are counted. */
    int[] stream() {
        int length = rowLength();
        int[] stream = new int[rows.length * length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, stream, r * length, length);
        }
        return stream;
    }

    /** Occurrences of the first {@code length} tokens of row {@code row} anywhere in the stream, counted one position at a time. */
    int bruteForce(int row, int length) {
        int[] stream = stream();
        int count = 0;
        for (int p = 0; p + length <= stream.length; p++) {
            boolean same = true;
            for (int i = 0; i < length && same; i++) {
                same = stream[p + i] == rows[row][i];
            }
            count += same ? 1 : 0;
        }
        return count;
    }
}
