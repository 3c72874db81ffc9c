package io.timelapse.plugin.dsb.ngram;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Token sequences drawn from n-gram statistics as the paper draws them: unigram sequences are i.i.d. draws from the
 * unigram; a bigram sequence starts with a unigram draw and continues autoregressively from the bigram rows. Draws
 * are exact on the integer counts (a uniform integer below the row total, found by binary search in the cumulative
 * counts). A token whose row has no counts (it only ever ended a sequence) is followed by a unigram draw. Sequence
 * {@code i} uses the {@code i}-th generator split from the seed, so the result does not depend on the thread count.
 */
public final class NgramSampler {

    /** The order of the n-gram model sampled from. */
    public enum Order {
        UNIGRAM, BIGRAM
    }

    private final NgramStatistics stats;
    private final long[] unigramCumulative;
    private final long[] rowCumulative;

    public NgramSampler(NgramStatistics stats) {
        if (stats.total() == 0) {
            throw new IllegalArgumentException("the statistics hold no token pairs to sample from");
        }
        this.stats = stats;
        long[] totals = stats.rowTotalsView();
        unigramCumulative = new long[totals.length];
        long sum = 0;
        for (int i = 0; i < totals.length; i++) {
            sum += totals[i];
            unigramCumulative[i] = sum;
        }
        long[] counts = stats.countsView();
        rowCumulative = new long[counts.length];
        for (int row = 0; row < stats.vocabulary(); row++) {
            long running = 0;
            for (int k = stats.rowFrom(row); k < stats.rowTo(row); k++) {
                running += counts[k];
                rowCumulative[k] = running;
            }
        }
    }

    /** {@code sequences × length} token ids, row-major. */
    public int[] sample(Order order, int sequences, int length, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom[] generators = new SplittableRandom[sequences];
        for (int i = 0; i < sequences; i++) {
            generators[i] = root.split();
        }
        int[] out = new int[Math.multiplyExact(sequences, length)];
        IntStream.range(0, sequences).parallel().forEach(i -> fill(order, generators[i], out, i * length, length));
        return out;
    }

    private void fill(Order order, SplittableRandom random, int[] out, int offset, int length) {
        for (int t = 0; t < length; t++) {
            boolean fromRow = order == Order.BIGRAM && t > 0 && stats.unigramCount(out[offset + t - 1]) > 0;
            out[offset + t] = fromRow ? nextOf(out[offset + t - 1], random) : unigram(random);
        }
    }

    private int unigram(SplittableRandom random) {
        return firstAbove(unigramCumulative, 0, unigramCumulative.length, random.nextLong(stats.total()));
    }

    private int nextOf(int prev, SplittableRandom random) {
        int k = firstAbove(rowCumulative, stats.rowFrom(prev), stats.rowTo(prev), random.nextLong(stats.unigramCount(prev)));
        return stats.nextAt(k);
    }

    /** The first index in {@code [from, to)} whose cumulative count exceeds {@code draw}. */
    private static int firstAbove(long[] cumulative, int from, int to, long draw) {
        int lo = from;
        int hi = to - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > draw) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
