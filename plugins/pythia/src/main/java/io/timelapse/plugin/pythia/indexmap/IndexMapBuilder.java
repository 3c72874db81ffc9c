package io.timelapse.plugin.pythia.indexmap;

import io.timelapse.api.run.Progress;
import io.timelapse.plugin.pythia.random.LegacyRandomState;

/**
 * Builds gpt-neox v1.0 GPT2Dataset index maps exactly as {@code _build_index_mappings} and
 * {@code helpers.build_sample_idx} do: the epoch count, one shuffle of all epochs' documents, the
 * sample boundaries, and the sample shuffle, with one {@code RandomState(seed)} stream for both
 * shuffles.
 */
public final class IndexMapBuilder {

    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int PROGRESS_BLOCK = 1 << 20;

    private IndexMapBuilder() {}

    /** Sum of the sizes of documents [first, first + count). */
    public static long tokensPerEpoch(int[] sizes, int firstDocument, int documentCount) {
        long total = 0;
        for (int d = firstDocument; d < firstDocument + documentCount; d++) {
            total += sizes[d];
        }
        return total;
    }

    /** The smallest E ≥ 1 with {@code (E·T − 1) / seqLength ≥ numSamples}. */
    public static int numEpochs(long tokensPerEpoch, int seqLength, long numSamples) {
        if (tokensPerEpoch <= 0) {
            throw new IllegalArgumentException("the documents hold no tokens, so no number of epochs yields " + numSamples + " samples");
        }
        int epochs = 0;
        long total = 0;
        while (true) {
            epochs++;
            total += tokensPerEpoch;
            if ((total - 1) / seqLength >= numSamples) {
                return epochs;
            }
        }
    }

    /** Builds the maps over documents [first, first + count) of an item-size array. */
    public static IndexMaps build(int[] sizes, int firstDocument, int documentCount, long numSamples, int seqLength, long seed) {
        return build(sizes, firstDocument, documentCount, numSamples, seqLength, seed, BuildProgress.none());
    }

    /** {@link #build(int[], int, int, long, int, long)} reporting each of the three long loops to {@code progress}. */
    public static IndexMaps build(int[] sizes, int firstDocument, int documentCount, long numSamples, int seqLength, long seed,
            BuildProgress progress) {
        if (seqLength < 1) {
            throw new IllegalArgumentException("seq_length must be positive, got " + seqLength);
        }
        if (firstDocument < 0 || documentCount < 0 || firstDocument > sizes.length - documentCount) {
            throw new IllegalArgumentException("documents [" + firstDocument + ", " + ((long) firstDocument + documentCount)
                    + ") outside the " + sizes.length + " items");
        }
        long tokens = tokensPerEpoch(sizes, firstDocument, documentCount);
        int epochs = numEpochs(tokens, seqLength, numSamples);
        LegacyRandomState rng = new LegacyRandomState(seed);
        int[] docIdx = buildDocIdx(firstDocument, documentCount, epochs, rng, progress);
        int[] sampleIdx = buildSampleIdx(sizes, docIdx, seqLength, epochs, tokens, progress);
        int[] shuffleIdx = buildShuffleIdx(sampleIdx.length / 2 - 1, rng, progress);
        return new IndexMaps(docIdx, sampleIdx, shuffleIdx);
    }

    /** E copies of the document range, shuffled once together (v1.0 has no separate last epoch). */
    public static int[] buildDocIdx(int firstDocument, int documentCount, int epochs, LegacyRandomState rng) {
        return buildDocIdx(firstDocument, documentCount, epochs, rng, BuildProgress.none());
    }

    static int[] buildDocIdx(int firstDocument, int documentCount, int epochs, LegacyRandomState rng, BuildProgress progress) {
        long length = (long) epochs * documentCount;
        if (length > MAX_ARRAY) {
            throw new IllegalArgumentException(epochs + " epochs of " + documentCount + " documents exceed a Java array");
        }
        int[] docIdx = new int[(int) length];
        for (int e = 0; e < epochs; e++) {
            int base = e * documentCount;
            for (int d = 0; d < documentCount; d++) {
                docIdx[base + d] = firstDocument + d;
            }
        }
        try (Progress task = progress.task("doc_idx shuffle", Math.max(0, docIdx.length - 1))) {
            rng.shuffle(docIdx, task::advance);
        }
        return docIdx;
    }

    /** The (doc position, offset) where each sample starts, as the C++ helper computes them. */
    public static int[] buildSampleIdx(int[] sizes, int[] docIdx, int seqLength, int epochs, long tokensPerEpoch) {
        return buildSampleIdx(sizes, docIdx, seqLength, epochs, tokensPerEpoch, BuildProgress.none());
    }

    static int[] buildSampleIdx(int[] sizes, int[] docIdx, int seqLength, int epochs, long tokensPerEpoch, BuildProgress progress) {
        long samples = ((long) epochs * tokensPerEpoch - 1) / seqLength;
        if (2 * (samples + 1) > MAX_ARRAY) {
            throw new IllegalArgumentException(samples + " samples exceed what a Java int array of sample_idx rows holds");
        }
        int[] out = new int[(int) (2 * (samples + 1))];
        int di = 0;
        int off = 0;
        try (Progress task = progress.task("sample_idx", samples)) {
            for (long from = 1; from <= samples; from += PROGRESS_BLOCK) {
                long to = Math.min(samples, from + PROGRESS_BLOCK - 1);
                long state = fillSampleIdx(sizes, docIdx, seqLength, out, from, to, di, off);
                di = (int) (state >>> 32);
                off = (int) state;
                task.advance(to - from + 1);
            }
        }
        return out;
    }

    /** Rows [from, to] of sample_idx from the state (di, off); returns the new state as {@code di << 32 | off}. */
    private static long fillSampleIdx(int[] sizes, int[] docIdx, int seqLength, int[] out, long from, long to, int di, int off) {
        for (long k = from; k <= to; k++) {
            int remaining = seqLength + 1;
            while (remaining != 0) {
                int length = sizes[docIdx[di]] - off;
                remaining -= length;
                if (remaining <= 0) {
                    off += remaining + length - 1;
                    remaining = 0;
                } else {
                    di++;
                    off = 0;
                }
            }
            out[(int) (2 * k)] = di;
            out[(int) (2 * k + 1)] = off;
        }
        return (long) di << 32 | (off & 0xFFFFFFFFL);
    }

    /** A shuffled {@code arange(count)} as uint32 bits, continuing the doc_idx stream. */
    public static int[] buildShuffleIdx(long count, LegacyRandomState rng) {
        return buildShuffleIdx(count, rng, BuildProgress.none());
    }

    static int[] buildShuffleIdx(long count, LegacyRandomState rng, BuildProgress progress) {
        if (count >= 0xFFFFFFFFL - 1) {
            throw new IllegalArgumentException(count + " samples need an int64 shuffle_idx, which exceeds a Java array");
        }
        int[] shuffle = new int[Math.toIntExact(count)];
        for (int i = 0; i < shuffle.length; i++) {
            shuffle[i] = i;
        }
        try (Progress task = progress.task("shuffle_idx shuffle", Math.max(0, shuffle.length - 1))) {
            rng.shuffle(shuffle, task::advance);
        }
        return shuffle;
    }
}
