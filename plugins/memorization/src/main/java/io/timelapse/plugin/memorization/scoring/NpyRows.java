package io.timelapse.plugin.memorization.scoring;

import io.timelapse.api.data.TrainingData;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Token rows from a 2-D integer {@code .npy} {@code [rows, tokens]}, memory-mapped; row i is trained at step i / batchSize. */
public final class NpyRows implements TrainingData {

    public static final String LAYOUT = "npy";

    private final Path file;
    private final NpyArray array;
    private final int rowLength;
    private final int batchSize;

    private NpyRows(Path file, NpyArray array, int batchSize) {
        this.file = file;
        this.array = array;
        this.rowLength = Math.toIntExact(array.dim(1));
        this.batchSize = batchSize;
    }

    public static NpyRows open(Path file, int batchSize) throws IOException {
        NpyArray array = Npy.map(file);
        if (array.ndim() != 2 || !array.dtype().isInteger() || array.isFortranOrder()) {
            throw new IOException(file + ": expected a C-order 2-D integer array [rows, tokens] of token ids, got "
                    + array.dtype().descriptor() + " " + Arrays.toString(array.shape()) + (array.isFortranOrder() ? " in Fortran order" : ""));
        }
        return new NpyRows(file, array, batchSize);
    }

    @Override
    public Path source() {
        return file;
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
            throw new IndexOutOfBoundsException(file + ": row " + index + " of " + rowCount());
        }
        long base = index * rowLength;
        for (int i = 0; i < rowLength; i++) {
            long token = array.getLong(base + i);
            if (token < 0 || token > Integer.MAX_VALUE) {
                throw new IllegalStateException(file + ": row " + index + ", token " + i + " = " + token + " is not a token id");
            }
            tokens[i] = (int) token;
        }
    }

    @Override
    public void close() {}
}
