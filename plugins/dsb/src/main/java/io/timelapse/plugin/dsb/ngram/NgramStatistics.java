package io.timelapse.plugin.dsb.ngram;

/**
 * Bigram counts {@code C[prev][next]} of token data in compressed sparse rows of exact {@code long} counts (a
 * real vocabulary of 50277 tokens has 2.5·10⁹ cells but only the pairs that occur are stored), and the unigram and
 * bigram probabilities derived from them as the paper does: unigrams are the row sums of the bigram table, bigram
 * conditionals are the rows normalised to 1, and a row without counts is all 0.
 */
public final class NgramStatistics {

    private final int vocabulary;
    private final long[] rowStart;
    private final int[] next;
    private final long[] counts;
    private final long[] rowTotals;
    private final long total;

    NgramStatistics(int vocabulary, long[] rowStart, int[] next, long[] counts) {
        this.vocabulary = vocabulary;
        this.rowStart = rowStart;
        this.next = next;
        this.counts = counts;
        this.rowTotals = new long[vocabulary];
        long sum = 0;
        for (int row = 0; row < vocabulary; row++) {
            for (long k = rowStart[row]; k < rowStart[row + 1]; k++) {
                rowTotals[row] += counts[(int) k];
            }
            sum += rowTotals[row];
        }
        this.total = sum;
    }

    /** Counts the consecutive pairs of one token stream, whose ids must lie in {@code [0, vocabulary)}. */
    public static NgramStatistics count(long[] tokens, int vocabulary) {
        NgramCounter counter = new NgramCounter(vocabulary);
        int[] ids = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= vocabulary) {
                throw new IllegalArgumentException("token " + tokens[i] + " at position " + i + " is outside the vocabulary of " + vocabulary);
            }
            ids[i] = (int) tokens[i];
        }
        counter.add(ids, ids.length);
        return counter.statistics();
    }

    public int vocabulary() {
        return vocabulary;
    }

    /** The number of counted pairs, which is also the number of tokens the unigram counts. */
    public long total() {
        return total;
    }

    /** The number of distinct pairs. */
    public int nonZeros() {
        return next.length;
    }

    public long bigramCount(int prev, int nextToken) {
        int k = find(prev, nextToken);
        return k < 0 ? 0 : counts[k];
    }

    /** {@code P(next | prev)}; 0 for a row without counts. */
    public double bigramProbability(int prev, int nextToken) {
        return rowTotals[prev] == 0 ? 0 : (double) bigramCount(prev, nextToken) / rowTotals[prev];
    }

    /** {@code sum_next C[token][next]}. */
    public long unigramCount(int token) {
        return rowTotals[token];
    }

    /** {@code P(token) = sum_next C[token][next] / sum C}. */
    public double[] unigramProbabilities() {
        double[] p = new double[vocabulary];
        for (int i = 0; i < vocabulary; i++) {
            p[i] = total == 0 ? 0 : (double) rowTotals[i] / total;
        }
        return p;
    }

    /** The entropy of the unigram distribution, in nats per token. */
    public double unigramEntropy() {
        return entropy(rowTotals, 0, vocabulary, total);
    }

    /** The bigram chain's entropy rate {@code sum_prev P(prev) H(next | prev)}, in nats per token, with P the unigram. */
    public double bigramEntropyRate() {
        double rate = 0;
        for (int row = 0; row < vocabulary; row++) {
            if (rowTotals[row] > 0) {
                rate += (double) rowTotals[row] / total * entropy(counts, (int) rowStart[row], (int) rowStart[row + 1], rowTotals[row]);
            }
        }
        return rate;
    }

    private static double entropy(long[] counts, int from, int to, long sum) {
        double h = 0;
        for (int k = from; k < to; k++) {
            if (counts[k] > 0) {
                double p = (double) counts[k] / sum;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** The CSR row pointers ({@code vocabulary + 1}; row {@code r} is {@code [rowStart[r], rowStart[r+1])}), as scipy's indptr. */
    public long[] rowStarts() {
        return rowStart.clone();
    }

    /** The next token of every stored pair, row by row and ascending within a row, as scipy's indices. */
    public int[] nextTokens() {
        return next.clone();
    }

    /** The count of every stored pair, as scipy's data. */
    public long[] pairCounts() {
        return counts.clone();
    }

    /** The unigram counts (row sums). */
    public long[] unigramCounts() {
        return rowTotals.clone();
    }

    int rowFrom(int row) {
        return (int) rowStart[row];
    }

    int rowTo(int row) {
        return (int) rowStart[row + 1];
    }

    int nextAt(int k) {
        return next[k];
    }

    long countAt(int k) {
        return counts[k];
    }

    long[] rowTotalsView() {
        return rowTotals;
    }

    long[] countsView() {
        return counts;
    }

    int[] nextView() {
        return next;
    }

    private int find(int prev, int nextToken) {
        int lo = rowFrom(prev);
        int hi = rowTo(prev) - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (next[mid] < nextToken) {
                lo = mid + 1;
            } else if (next[mid] > nextToken) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }
}
