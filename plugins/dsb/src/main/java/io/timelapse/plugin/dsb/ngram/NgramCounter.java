package io.timelapse.plugin.dsb.ngram;

import java.util.Arrays;

/**
 * Counts the consecutive token pairs of sequences into sorted (pair, count) runs: pairs are buffered as
 * {@code prev · vocabulary + next}, sorted and merged into the counts so far whenever the buffer is full. The buffer
 * grows with the number of distinct pairs, so each pair costs a logarithmic share of a sort, whatever the data size.
 */
public final class NgramCounter {

    private static final int MIN_BUFFER = 1 << 20;
    private static final int MAX_BUFFER = 1 << 26;

    private final int vocabulary;
    private long[] buffer = new long[MIN_BUFFER];
    private int buffered;
    private long[] keys = new long[0];
    private long[] counts = new long[0];

    public NgramCounter(int vocabulary) {
        if (vocabulary < 1) {
            throw new IllegalArgumentException("the vocabulary must hold at least one token, got " + vocabulary);
        }
        this.vocabulary = vocabulary;
    }

    public int vocabulary() {
        return vocabulary;
    }

    /**
     * Counts the pairs {@code (tokens[t], tokens[t+1])} for {@code t < length - 1}.
     *
     * @throws TokenOutOfRangeException for an id outside {@code [0, vocabulary)}, before anything of this sequence is counted
     */
    public void add(int[] tokens, int length) {
        for (int t = 0; t < length; t++) {
            if (tokens[t] < 0 || tokens[t] >= vocabulary) {
                throw new TokenOutOfRangeException(tokens[t], t, vocabulary);
            }
        }
        for (int t = 0; t + 1 < length; t++) {
            if (buffered == buffer.length) {
                flush();
            }
            buffer[buffered++] = (long) tokens[t] * vocabulary + tokens[t + 1];
        }
    }

    /** The statistics of everything counted so far. */
    public NgramStatistics statistics() {
        flush();
        long[] rowStart = new long[vocabulary + 1];
        int[] next = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            rowStart[(int) (keys[k] / vocabulary) + 1]++;
            next[k] = (int) (keys[k] % vocabulary);
        }
        for (int row = 0; row < vocabulary; row++) {
            rowStart[row + 1] += rowStart[row];
        }
        return new NgramStatistics(vocabulary, rowStart, next, counts.clone());
    }

    private void flush() {
        if (buffered == 0) {
            return;
        }
        Arrays.parallelSort(buffer, 0, buffered);
        int runs = 0;
        for (int i = 0; i < buffered; i++) {
            if (i == 0 || buffer[i] != buffer[i - 1]) {
                runs++;
            }
        }
        long[] runKeys = new long[runs];
        long[] runCounts = new long[runs];
        int r = -1;
        for (int i = 0; i < buffered; i++) {
            if (i == 0 || buffer[i] != buffer[i - 1]) {
                runKeys[++r] = buffer[i];
            }
            runCounts[r]++;
        }
        merge(runKeys, runCounts);
        buffered = 0;
        int wanted = (int) Math.min(MAX_BUFFER, Math.max(MIN_BUFFER, (long) keys.length));
        if (wanted > buffer.length) {
            buffer = new long[wanted];
        }
    }

    private void merge(long[] runKeys, long[] runCounts) {
        long[] mergedKeys = new long[keys.length + runKeys.length];
        long[] mergedCounts = new long[mergedKeys.length];
        int a = 0;
        int b = 0;
        int m = 0;
        while (a < keys.length || b < runKeys.length) {
            if (b == runKeys.length || a < keys.length && keys[a] < runKeys[b]) {
                mergedKeys[m] = keys[a];
                mergedCounts[m++] = counts[a++];
            } else if (a == keys.length || runKeys[b] < keys[a]) {
                mergedKeys[m] = runKeys[b];
                mergedCounts[m++] = runCounts[b++];
            } else {
                mergedKeys[m] = keys[a];
                mergedCounts[m++] = counts[a++] + runCounts[b++];
            }
        }
        keys = Arrays.copyOf(mergedKeys, m);
        counts = Arrays.copyOf(mergedCounts, m);
    }
}
