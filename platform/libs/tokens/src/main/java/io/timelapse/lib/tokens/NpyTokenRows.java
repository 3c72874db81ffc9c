package io.timelapse.lib.tokens;

import io.timelapse.api.data.TrainingData;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Token rows from a 2-D integer {@code .npy} file {@code [rows, tokens]}, memory-mapped, in file order. */
public final class NpyTokenRows implements TrainingData {

    /** The name of this layout, as {@code TrainingDataProvider.layout()} names others. */
    public static final String LAYOUT = "npy";

    private final Path source;
    private final NpyArray array;
    private final int batchSize;
    private final int rowLength;

    private NpyTokenRows(Path source, NpyArray array, int batchSize) {
        this.source = source;
        this.array = array;
        this.batchSize = batchSize;
        this.rowLength = Math.toIntExact(array.dim(1));
    }

    public static NpyTokenRows open(Path file, int batchSize) throws IOException {
        NpyArray array = Npy.map(file);
        char kind = array.dtype().kind();
        if (array.ndim() != 2 || (kind != 'i' && kind != 'u')) {
            throw new IOException(file + ": expected a 2-D integer array [rows, tokens] of token ids, got " + array.dtype() + " "
                    + Arrays.toString(array.shape()));
        }
        return new NpyTokenRows(file, array, batchSize);
    }

    @Override
    public Path source() {
        return source;
    }

    @Override
    public long rowCount() {
        return array.dim(0);
    }

    @Override
    public int rowLength() {
        return rowLength;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void readRow(long index, int[] tokens) {
        if (index < 0 || index >= rowCount()) {
            throw new IndexOutOfBoundsException(source + ": row " + index + " of " + rowCount());
        }
        long base = index * rowLength;
        for (int i = 0; i < rowLength; i++) {
            long token = array.getLong(base + i);
            if (token < 0 || token > Integer.MAX_VALUE) {
                throw new IllegalStateException(source + ": row " + index + ", token " + i + " = " + token + " is not a token id");
            }
            tokens[i] = (int) token;
        }
    }

    @Override
    public void close() {}
}
