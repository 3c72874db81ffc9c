package io.timelapse.plugin.pythia.service;

import io.timelapse.api.data.RowProvenance;
import io.timelapse.api.data.SourceSpan;
import io.timelapse.api.data.TrainingData;
import io.timelapse.plugin.pythia.dataset.SampleDataset;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import io.timelapse.plugin.pythia.provenance.DocumentSpan;
import io.timelapse.plugin.pythia.provenance.Provenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link TrainingData} over a pre-shuffled dataset: row i is training sample i. With the {@link RouteRecord} the rows
 * were drawn from, a row's provenance names its source documents.
 */
public final class PreshuffledTrainingData implements TrainingData {

    private final Path source;
    private final PreshuffledDataset dataset;
    private final int batchSize;
    private final RouteRecord route;
    private SampleDataset routeDataset;

    public PreshuffledTrainingData(Path source, PreshuffledDataset dataset, int batchSize) {
        this(source, dataset, batchSize, null);
    }

    /** @param route the route the rows were drawn from, or {@code null} when it is not known */
    public PreshuffledTrainingData(Path source, PreshuffledDataset dataset, int batchSize, RouteRecord route) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.source = source;
        this.dataset = dataset;
        this.batchSize = batchSize;
        this.route = route;
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

    /**
     * Where the row lies in the data (its byte offset and shard), and its source documents with offsets when the route it
     * was drawn from is known, else its EOD-separated segments.
     */
    @Override
    public RowProvenance provenance(long index) {
        int[] tokens = row(index);
        long offset = dataset.rowOffset(index);
        int shard = dataset.bin().shardOf(offset);
        if (route == null) {
            return new RowProvenance(index, RowProvenance.segments(tokens, tokens.length), false, offset, shard);
        }
        List<SourceSpan> spans = Provenance.locate(routeDataset(), index, batchSize).documents().stream().map(DocumentSpan::toSourceSpan).toList();
        return new RowProvenance(index, spans, true, offset, shard);
    }

    /** The route's dataset, opened at the first question and checked to give this data's first row. */
    private synchronized SampleDataset routeDataset() {
        if (routeDataset == null) {
            try {
                SampleDataset opened = route.open();
                int[] expected = row(0);
                int[] drawn = new int[opened.sampleLength()];
                opened.readSample(0, drawn);
                if (!java.util.Arrays.equals(expected, drawn)) {
                    throw new UncheckedIOException(new IOException("the route recorded beside " + source + " does not draw its rows"));
                }
                routeDataset = opened;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return routeDataset;
    }

    /** The mappings stay valid until garbage-collected; there is nothing to release eagerly. */
    @Override
    public void close() {
        // Mapped buffers are unmapped by the garbage collector; Java 17 offers no safe explicit unmap.
    }
}
