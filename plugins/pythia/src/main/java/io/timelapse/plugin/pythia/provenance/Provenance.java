package io.timelapse.plugin.pythia.provenance;

import io.timelapse.plugin.pythia.dataset.BlendedDataset;
import io.timelapse.plugin.pythia.dataset.GptDataset;
import io.timelapse.plugin.pythia.dataset.SampleDataset;
import io.timelapse.plugin.pythia.indexmap.IndexMaps;
import io.timelapse.lib.tokens.megatron.MMapIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps between training rows, steps and source documents. Row r is trained at step
 * {@code r / batchSize}, slot {@code r % batchSize} (gpt-neox's loader hands each step a
 * contiguous block of samples, whatever the parallel layout); its tokens come from the documents
 * that sample_idx and doc_idx place it across.
 */
public final class Provenance {

    private final BlendedDataset dataset;
    private final int batchSize;

    public Provenance(BlendedDataset dataset, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.dataset = dataset;
        this.batchSize = batchSize;
    }

    public static long stepOf(long row, int batchSize) {
        return row / batchSize;
    }

    public static int slotOf(long row, int batchSize) {
        return (int) (row % batchSize);
    }

    /** The first row and the row count of a step. */
    public static long[] rowsOfStep(long step, int batchSize) {
        return new long[] {step * batchSize, batchSize};
    }

    public RowOrigin locate(long row) {
        if (row < 0) {
            throw new IndexOutOfBoundsException("negative row " + row);
        }
        BlendedDataset.Source source = dataset.source(row);
        GptDataset gpt = dataset.datasets().get(source.dataset());
        long k = gpt.unshuffledSample(source.sample());
        return new RowOrigin(row, stepOf(row, batchSize), slotOf(row, batchSize), source.dataset(), gpt.name(), source.sample(), k,
                documentsOf(gpt, k));
    }

    /**
     * Where row {@code row} of a route came from, as {@code pythia locate} reports it: through the blend when
     * {@code data} is one, else straight from its one dataset.
     */
    public static RowOrigin locate(SampleDataset data, long row, int batchSize) {
        if (data instanceof BlendedDataset blended) {
            return new Provenance(blended, batchSize).locate(row);
        }
        GptDataset gpt = (GptDataset) data;
        long k = gpt.unshuffledSample(row);
        return new RowOrigin(row, stepOf(row, batchSize), slotOf(row, batchSize), 0, gpt.name(), row, k, documentsOf(gpt, k));
    }

    /** The documents unshuffled sample k of a dataset spans, with token offsets. */
    public static List<DocumentSpan> documentsOf(GptDataset gpt, long k) {
        IndexMaps maps = gpt.maps();
        MMapIndex index = gpt.data().index();
        int[] docIdx = maps.docIdx();
        int first = maps.startDoc(k);
        int firstOffset = maps.startOffset(k);
        int last = maps.startDoc(k + 1);
        int lastOffset = maps.startOffset(k + 1);
        List<DocumentSpan> spans = new ArrayList<>();
        int rowOffset = 0;
        for (int p = first; p <= last; p++) {
            int document = docIdx[p];
            int length = index.size(document);
            int start = p == first ? firstOffset : 0;
            int end = p == last ? lastOffset + 1 : length;
            if (end > start) {
                spans.add(new DocumentSpan(document, p, start, end, rowOffset, length));
                rowOffset += end - start;
            }
        }
        return spans;
    }
}
