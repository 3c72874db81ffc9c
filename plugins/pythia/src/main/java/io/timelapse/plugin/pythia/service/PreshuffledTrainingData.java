package io.timelapse.plugin.pythia.service;

import io.timelapse.api.data.RowProvenance;
import io.timelapse.api.data.TrainingData;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link TrainingData} over a pre-shuffled dataset: row i is training sample i. */
public final class PreshuffledTrainingData implements TrainingData {

    private final Path source;
    private final PreshuffledDataset dataset;
    private final int batchSize;

    public PreshuffledTrainingData(Path source, PreshuffledDataset dataset, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.source = source;
        this.dataset = dataset;
        this.batchSize = batchSize;
    }

    public PreshuffledDataset dataset() {
        return dataset;
    }

    @Override
    public Path source() {
        return source;
    }

    /** The index and every shard of the data. */
    @Override
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        files.add(dataset.index().file());
        files.addAll(dataset.bin().files());
        return files;
    }

    @Override
    public long rowCount() {
        return dataset.rowCount();
    }

    @Override
    public int rowLength() {
        return dataset.rowLength();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void readRow(long index, int[] tokens) {
        if (tokens.length < rowLength()) {
            throw new IllegalArgumentException("row buffer holds " + tokens.length + " ints, a row has " + rowLength());
        }
        dataset.readRows(index, 1, tokens, 0);
    }

    /** One bulk read of the rows, split over the cores for a large batch. */
    @Override
    public void readRows(long first, int count, int[] tokens, int offset) {
        dataset.readRows(first, count, tokens, offset);
    }

    /** The row's EOD-separated segments, and where the row lies in the data: its byte offset and shard. */
    @Override
    public RowProvenance provenance(long index) {
        int[] tokens = row(index);
        long offset = dataset.rowOffset(index);
        return new RowProvenance(index, RowProvenance.segments(tokens, tokens.length), false, offset, dataset.bin().shardOf(offset));
    }

    /** The mappings stay valid until garbage-collected; there is nothing to release eagerly. */
    @Override
    public void close() {
        // Mapped buffers are unmapped by the garbage collector; Java 17 offers no safe explicit unmap.
    }
}
