package io.timelapse.plugin.pythia.dataset;

import io.timelapse.plugin.pythia.indexmap.IndexMaps;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;

/** gpt-neox v1.0 {@code GPT2Dataset}: samples assembled across document boundaries through the index maps. */
public final class GptDataset implements SampleDataset {

    private final String name;
    private final MMapIndexedDataset data;
    private final IndexMaps maps;
    private final int seqLength;

    public GptDataset(String name, MMapIndexedDataset data, IndexMaps maps, int seqLength) {
        this.name = name;
        this.data = data;
        this.maps = maps;
        this.seqLength = seqLength;
    }

    /** The name in the index-map file names, such as {@code train_0} or {@code valid}. */
    public String name() {
        return name;
    }

    public MMapIndexedDataset data() {
        return data;
    }

    public IndexMaps maps() {
        return maps;
    }

    @Override
    public int seqLength() {
        return seqLength;
    }

    /** S − 1, the v1.0 length quirk. */
    @Override
    public long length() {
        return maps.datasetLength();
    }

    /**
     * The unshuffled sample that {@code dataset[index]} returns. Indices up to S − 1 are direct;
     * larger ones fail in the reference with an IndexError that it catches by wrapping modulo the length.
     */
    public long unshuffledSample(long index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("negative sample index " + index);
        }
        long position = index < maps.sampleCount() ? index : index % length();
        return maps.shuffled(position);
    }

    @Override
    public void readSample(long index, long[] tokens) {
        assemble(unshuffledSample(index), tokens, null);
    }

    @Override
    public void readSample(long index, int[] tokens) {
        assemble(unshuffledSample(index), null, tokens);
    }

    /** Sample k in sample_idx order, without the shuffle. */
    public void readUnshuffled(long k, long[] tokens) {
        if (k < 0 || k >= maps.sampleCount()) {
            throw new IndexOutOfBoundsException("unshuffled sample " + k + " outside [0, " + maps.sampleCount() + ")");
        }
        assemble(k, tokens, null);
    }

    private void assemble(long k, long[] asLongs, int[] asInts) {
        int[] docIdx = maps.docIdx();
        int first = maps.startDoc(k);
        int firstOffset = maps.startOffset(k);
        int last = maps.startDoc(k + 1);
        int lastOffset = maps.startOffset(k + 1);
        int at = 0;
        if (first == last) {
            at = copy(docIdx[first], firstOffset, lastOffset - firstOffset + 1, asLongs, asInts, at);
        } else {
            int headLength = data.index().size(docIdx[first]) - firstOffset;
            at = copy(docIdx[first], firstOffset, headLength, asLongs, asInts, at);
            for (int p = first + 1; p < last; p++) {
                at = copy(docIdx[p], 0, data.index().size(docIdx[p]), asLongs, asInts, at);
            }
            at = copy(docIdx[last], 0, lastOffset + 1, asLongs, asInts, at);
        }
        if (at != seqLength + 1) {
            throw new IllegalStateException("sample " + k + " assembled " + at + " tokens, expected " + (seqLength + 1)
                    + "; the index maps do not belong to " + data.prefix());
        }
    }

    private int copy(int item, int offset, int length, long[] asLongs, int[] asInts, int at) {
        int room = (asLongs != null ? asLongs.length : asInts.length) - at;
        if (length > room) {
            throw new IllegalStateException("a sample spans more than " + (seqLength + 1) + " tokens; the index maps do not belong to "
                    + data.prefix());
        }
        if (asLongs != null) {
            data.read(item, offset, length, asLongs, at);
        } else {
            data.read(item, offset, length, asInts, at);
        }
        return at + length;
    }
}
