package io.timelapse.lib.tokenizer.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-level BPE over a vocabulary and a ranked merge list, with the merge order of Hugging Face
 * tokenizers: the pair with the lowest rank is merged first, the leftmost among equal ranks, one
 * merge at a time. A heap keeps this O(n log n) for long words. Results for short words are cached.
 * Instances are immutable apart from the cache and safe to share between threads.
 */
public final class BpeModel {

    private static final int CACHE_CAPACITY = 100_000;
    private static final int CACHED_WORD_MAX_CHARS = 256;

    private final Map<String, Integer> vocab;
    private final int[] byteToId;
    private final PairTable mergeRankByPair;
    private final int[] mergedIdByRank;
    private final boolean ignoreMerges;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param vocab token string to id
     * @param mergeLeft left token id of merge r (r = rank)
     * @param mergeRight right token id of merge r
     * @param mergeResult id of the merged token of merge r
     * @param ignoreMerges whether a word that is itself in the vocabulary skips merging
     */
    public BpeModel(Map<String, Integer> vocab, int[] mergeLeft, int[] mergeRight, int[] mergeResult,
            boolean ignoreMerges) {
        this.vocab = Map.copyOf(vocab);
        this.ignoreMerges = ignoreMerges;
        byteToId = new int[256];
        for (int b = 0; b < 256; b++) {
            Integer id = vocab.get(String.valueOf(ByteLevelAlphabet.charOf(b)));
            byteToId[b] = id == null ? -1 : id;
        }
        mergeRankByPair = new PairTable(mergeLeft.length);
        for (int r = 0; r < mergeLeft.length; r++) {
            mergeRankByPair.put(mergeLeft[r], mergeRight[r], r);
        }
        mergedIdByRank = mergeResult.clone();
    }

    /**
     * Appends the ids of one pre-token, given by its UTF-8 bytes, to out. The cache key is the
     * pre-token's text.
     */
    public void encodeWord(String word, byte[] utf8, int length, IntList out) {
        if (length == 1 && byteToId[utf8[0] & 0xFF] >= 0) {
            out.add(byteToId[utf8[0] & 0xFF]);
            return;
        }
        boolean cacheable = word.length() <= CACHED_WORD_MAX_CHARS;
        int[] ids = cacheable ? cache.get(word) : null;
        if (ids == null) {
            ids = merge(utf8, length);
            if (cacheable && cache.size() < CACHE_CAPACITY) {
                cache.put(word, ids);
            }
        }
        out.addAll(ids);
    }

    private int[] merge(byte[] utf8, int length) {
        if (ignoreMerges) {
            Integer whole = vocab.get(ByteLevelAlphabet.toAlphabet(utf8, length));
            if (whole != null) {
                return new int[] {whole};
            }
        }
        // Symbols form a linked list over positions; a merged-away symbol gets id -1.
        int[] id = new int[length];
        int[] prev = new int[length];
        int[] next = new int[length];
        int n = 0;
        for (int i = 0; i < length; i++) {
            int tokenId = byteToId[utf8[i] & 0xFF];
            // A byte missing from the vocabulary is dropped, as Hugging Face does without an unk token.
            if (tokenId >= 0) {
                id[n] = tokenId;
                prev[n] = n - 1;
                next[n] = n + 1;
                n++;
            }
        }
        if (n == 0) {
            return new int[0];
        }
        next[n - 1] = -1;
        MergeHeap heap = new MergeHeap(n);
        for (int i = 0; i + 1 < n; i++) {
            int rank = mergeRankByPair.get(id[i], id[i + 1]);
            if (rank >= 0) {
                heap.push(rank, i);
            }
        }
        int remaining = n;
        while (!heap.isEmpty()) {
            long top = heap.pop();
            int rank = (int) (top >>> 32);
            int pos = (int) top;
            int right = pos < n ? next[pos] : -1;
            if (id[pos] < 0 || right < 0) {
                continue;
            }
            // A stale entry: the pair at pos has changed since it was queued.
            int current = mergeRankByPair.get(id[pos], id[right]);
            if (current < 0 || mergedIdByRank[current] != mergedIdByRank[rank]) {
                continue;
            }
            id[pos] = mergedIdByRank[rank];
            id[right] = -1;
            int after = next[right];
            next[pos] = after;
            if (after >= 0) {
                prev[after] = pos;
            }
            remaining--;
            int before = prev[pos];
            if (before >= 0) {
                int r = mergeRankByPair.get(id[before], id[pos]);
                if (r >= 0) {
                    heap.push(r, before);
                }
            }
            if (after >= 0) {
                int r = mergeRankByPair.get(id[pos], id[after]);
                if (r >= 0) {
                    heap.push(r, pos);
                }
            }
        }
        int[] result = new int[remaining];
        int k = 0;
        for (int i = 0; i >= 0; i = next[i]) {
            result[k++] = id[i];
        }
        return result;
    }

    /** A binary min-heap of (rank, position) packed into longs, so ties go to the leftmost pair. */
    private static final class MergeHeap {
        private long[] items;
        private int size;

        MergeHeap(int capacity) {
            items = new long[Math.max(4, capacity)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void push(int rank, int pos) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            long item = ((long) rank << 32) | pos;
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (items[parent] <= item) {
                    break;
                }
                items[i] = items[parent];
                i = parent;
            }
            items[i] = item;
        }

        long pop() {
            long top = items[0];
            long last = items[--size];
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                if (child + 1 < size && items[child + 1] < items[child]) {
                    child++;
                }
                if (items[child] >= last) {
                    break;
                }
                items[i] = items[child];
                i = child;
            }
            items[i] = last;
            return top;
        }
    }
}
