package io.timelapse.api.data;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Token rows in the order a run trained on them. Row {@code i} is trained at step
 * {@code i / batchSize()}, at slot {@code i % batchSize()} of that step's batch.
 */
@ProviderType
public interface TrainingData extends Closeable {

    /** Where the rows come from, for provenance. */
    Path source();

    /**
     * Every file the rows are read from, for provenance: a run records each with its sha256. By
     * default {@link #source()} when it is a file.
     *
     * @since 1.1
     */
    default List<Path> files() {
        return Files.isRegularFile(source()) ? List.of(source()) : List.of();
    }

    long rowCount();

    /** Tokens per row, for example 2049 for Pythia (2048 inputs plus the shifted target). */
    int rowLength();

    int batchSize();

    /** Copies row {@code index} into {@code tokens}, which holds at least {@link #rowLength()} ints. */
    void readRow(long index, int[] tokens);

    /**
     * Copies rows {@code first} to {@code first + count - 1} into {@code tokens} from {@code offset}, row after row:
     * {@code count × rowLength()} ints, the same ones {@link #readRow} gives. A provider reads them in one bulk read; read
     * a batch this way, into a buffer reused from batch to batch, rather than row by row into fresh arrays. By default
     * it calls {@link #readRow} for each row.
     *
     * @throws IndexOutOfBoundsException when a row is not in the data or {@code tokens} is too short
     * @since 1.1
     */
    default void readRows(long first, int count, int[] tokens, int offset) {
        int length = rowLength();
        if (first < 0 || count < 0 || first > rowCount() - count) {
            throw new IndexOutOfBoundsException("rows [" + first + ", " + (first + count) + ") outside the " + rowCount() + " rows of "
                    + source());
        }
        Objects.checkFromIndexSize(offset, Math.multiplyExact(count, length), tokens.length);
        int[] row = new int[length];
        for (int r = 0; r < count; r++) {
            readRow(first + r, row);
            System.arraycopy(row, 0, tokens, offset + r * length, length);
        }
    }

    default int[] row(long index) {
        int[] tokens = new int[rowLength()];
        readRow(index, tokens);
        return tokens;
    }

    /**
     * Where row {@code index} came from. Data that keeps its documents gives them with token offsets; by default the
     * row's {@linkplain RowProvenance#segments EOD-separated segments}, read from its tokens, with no place on disk.
     *
     * @throws IndexOutOfBoundsException when the row is not in the data
     * @since 1.2
     */
    default RowProvenance provenance(long index) {
        int[] tokens = row(index);
        return new RowProvenance(index, RowProvenance.segments(tokens, tokens.length), false, SourceSpan.UNKNOWN, -1);
    }

    default long stepOf(long row) {
        return row / batchSize();
    }

    default long firstRowOf(long step) {
        return step * batchSize();
    }

    default long stepCount() {
        return (rowCount() + batchSize() - 1) / batchSize();
    }
}
