package io.timelapse.plugin.pythia.indexmap;

/**
 * The three index maps of one gpt-neox GPT2Dataset.
 *
 * <ul>
 *   <li>{@code docIdx}: the documents of all epochs in shuffled order (item indices);
 *   <li>{@code sampleIdx}: S+1 rows of (position in docIdx, token offset), flattened, where
 *       sample k runs from row k to row k+1 inclusive;
 *   <li>{@code shuffleIdx}: a permutation of 0..S−1 as unsigned 32-bit values.
 * </ul>
 * The arrays are shared, not copied: do not modify them.
 */
public final class IndexMaps {

    private final int[] docIdx;
    private final int[] sampleIdx;
    private final int[] shuffleIdx;

    public IndexMaps(int[] docIdx, int[] sampleIdx, int[] shuffleIdx) {
        if (sampleIdx.length < 2 || sampleIdx.length % 2 != 0) {
            throw new IllegalArgumentException("sample_idx must hold at least one (doc, offset) row, got " + sampleIdx.length + " values");
        }
        if (shuffleIdx.length != sampleIdx.length / 2 - 1) {
            throw new IllegalArgumentException("shuffle_idx has " + shuffleIdx.length + " entries, sample_idx defines "
                    + (sampleIdx.length / 2 - 1) + " samples");
        }
        this.docIdx = docIdx;
        this.sampleIdx = sampleIdx;
        this.shuffleIdx = shuffleIdx;
    }

    public int[] docIdx() {
        return docIdx;
    }

    /** Flattened [S+1, 2] int32 rows. */
    public int[] sampleIdx() {
        return sampleIdx;
    }

    /** Unsigned 32-bit values; read with {@link #shuffled(long)}. */
    public int[] shuffleIdx() {
        return shuffleIdx;
    }

    /** S: the number of samples sample_idx defines. */
    public long sampleCount() {
        return shuffleIdx.length;
    }

    /** {@code len(GPT2Dataset)} in gpt-neox v1.0, which is S − 1 (an off-by-one the reference keeps). */
    public long datasetLength() {
        return Math.min(shuffleIdx.length - 1L, sampleIdx.length / 2 - 1L);
    }

    /** shuffle_idx[i]: the unshuffled sample that shuffled position i holds. */
    public long shuffled(long i) {
        return Integer.toUnsignedLong(shuffleIdx[Math.toIntExact(i)]);
    }

    /** The docIdx position where unshuffled sample k starts. */
    public int startDoc(long k) {
        return sampleIdx[Math.toIntExact(2 * k)];
    }

    public int startOffset(long k) {
        return sampleIdx[Math.toIntExact(2 * k + 1)];
    }
}
