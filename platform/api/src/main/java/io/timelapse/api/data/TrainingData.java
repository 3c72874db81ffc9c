package io.timelapse.api.data;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    default int[] row(long index) {
        int[] tokens = new int[rowLength()];
        readRow(index, tokens);
        return tokens;
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
