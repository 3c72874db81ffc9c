package io.timelapse.plugin.memorization.explain;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * How often each of a set of window hashes occurs in a stream: the distinct hashes sorted, a count for each, and
 * an index of where each bucket of their top bits begins, so a hash of the stream is found (or not) with one
 * random read and a scan of about one key.
 */
final class WindowTable {

    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(int[].class);

    private final long[] keys;
    private final int[] counts;
    private final int[] buckets;
    private final int shift;

    /** A table of the distinct values of {@code hashes}, each below {@link WindowHash#P}. */
    WindowTable(long[] hashes) {
        long[] sorted = hashes.clone();
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        keys = Arrays.copyOf(sorted, distinct);
        counts = new int[distinct];
        // About one key a bucket: the largest power of two not above the number of keys.
        int bits = Math.max(1, 31 - Integer.numberOfLeadingZeros(Math.max(1, distinct)));
        shift = 61 - bits;
        buckets = new int[(1 << bits) + 1];
        int k = 0;
        for (int b = 0; b <= 1 << bits; b++) {
            while (k < distinct && (keys[k] >>> shift) < b) {
                k++;
            }
            buckets[b] = k;
        }
    }

    int size() {
        return keys.length;
    }

    /** The position of {@code hash} among the keys, or a negative number when it is not one. */
    int indexOf(long hash) {
        return Arrays.binarySearch(keys, hash);
    }

    /** Counts one occurrence of {@code hash} when it is a key, safely from several threads; counts stop at {@link Integer#MAX_VALUE}. */
    void offer(long hash) {
        int b = (int) (hash >>> shift);
        for (int i = buckets[b], end = buckets[b + 1]; i < end; i++) {
            long key = keys[i];
            if (key == hash) {
                int count;
                do {
                    count = (int) COUNTS.getVolatile(counts, i);
                } while (count != Integer.MAX_VALUE && !COUNTS.compareAndSet(counts, i, count, count + 1));
                return;
            }
            if (key > hash) {
                return;
            }
        }
    }

    int count(int index) {
        return counts[index];
    }
}
