package io.timelapse.lib.tokens;

import java.util.Arrays;

/**
 * The token ids that occur in some data, renumbered densely in increasing order (as numpy's
 * {@code np.unique(ids, return_inverse=True)} does), so that a small model needs an embedding and a softmax only as
 * large as the ids it sees rather than the tokenizer's whole vocabulary.
 */
public final class CompactVocabulary {

    private final int[] originalIds;

    private CompactVocabulary(int[] originalIds) {
        this.originalIds = originalIds;
    }

    /** The distinct non-negative ids of {@code ids}, in increasing order. */
    public static CompactVocabulary of(int[] ids) {
        int[] distinct = Arrays.stream(ids).sorted().distinct().toArray();
        if (distinct.length > 0 && distinct[0] < 0) {
            throw new IllegalArgumentException("token id " + distinct[0] + " is negative");
        }
        return new CompactVocabulary(distinct);
    }

    /** The number of distinct ids: the vocabulary size of a model trained on the compact ids. */
    public int size() {
        return originalIds.length;
    }

    /** Compact id → original id, increasing. */
    public int[] originalIds() {
        return originalIds.clone();
    }

    /** The compact id of {@code originalId}. */
    public int compact(int originalId) {
        int at = Arrays.binarySearch(originalIds, originalId);
        if (at < 0) {
            throw new IllegalArgumentException("token id " + originalId + " is not in the vocabulary");
        }
        return at;
    }

    /** {@code ids} renumbered, in a new array. */
    public int[] compact(int[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = compact(ids[i]);
        }
        return out;
    }

    /** The original id of {@code compactId}. */
    public int original(int compactId) {
        return originalIds[compactId];
    }
}
