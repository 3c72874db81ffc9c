package io.timelapse.plugin.pythia.service;

import io.timelapse.api.data.RowProvenance;
import io.timelapse.api.data.SourceSpan;
import io.timelapse.api.data.TrainingData;
import io.timelapse.plugin.pythia.dataset.SampleDataset;
import io.timelapse.plugin.pythia.provenance.DocumentSpan;
import io.timelapse.plugin.pythia.provenance.Provenance;
import java.nio.file.Path;
import java.util.List;

/**
 * {@link TrainingData} over a gpt-neox route (a split or a blend with its index maps): row i is
 * {@code dataset[i]}, and its provenance names the source documents and offsets, as {@code pythia locate} does.
 */
public final class RouteTrainingData implements TrainingData {

    private final Path source;
    private final List<Path> files;
    private final SampleDataset dataset;
    private final int batchSize;

    /**
     * @param source the route's first corpus prefix, for provenance
     * @param files the corpora's files and the index maps the route was opened from
     */
    public RouteTrainingData(Path source, List<Path> files, SampleDataset dataset, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.source = source;
        this.files = List.copyOf(files);
        this.dataset = dataset;
        this.batchSize = batchSize;
    }

    @Override
    public Path source() {
        return source;
    }

    @Override
    public List<Path> files() {
        return files;
    }

    @Override
    public long rowCount() {
        return dataset.length();
    }

    @Override
    public int rowLength() {
        return dataset.sampleLength();
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public void readRow(long index, int[] tokens) {
        if (index < 0 || index >= rowCount()) {
            throw new IndexOutOfBoundsException("row " + index + " outside the " + rowCount() + " rows of " + source);
        }
        dataset.readSample(index, tokens);
    }

    /** The source documents of the row with the offsets of its tokens in them. */
    @Override
    public RowProvenance provenance(long index) {
        if (index < 0 || index >= rowCount()) {
            throw new IndexOutOfBoundsException("row " + index + " outside the " + rowCount() + " rows of " + source);
        }
        List<SourceSpan> spans = Provenance.locate(dataset, index, batchSize).documents().stream()
                .map(DocumentSpan::toSourceSpan).toList();
        return new RowProvenance(index, spans, true, SourceSpan.UNKNOWN, -1);
    }

    /** The corpora are memory-mapped and released by the garbage collector. */
    @Override
    public void close() {
        // Java 17 offers no safe explicit unmap.
    }
}
