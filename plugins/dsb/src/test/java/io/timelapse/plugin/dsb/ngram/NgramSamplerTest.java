package io.timelapse.plugin.dsb.ngram;

import static io.timelapse.plugin.dsb.Fixtures.longs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Sampled sequences follow the golden toy table: Pearson's chi-square of the observed unigram and transition counts
 * stays below a bound that a correct sampler exceeds with probability far below 1e-6 (fixed seed, so no flakiness).
 */
class NgramSamplerTest {

    private static final NgramStatistics TOY = NgramStatistics.count(longs("ngram_tokens"), 16);

    @Test
    void unigramFrequenciesConvergeToTheTable() {
        int[] tokens = new NgramSampler(TOY).sample(NgramSampler.Order.UNIGRAM, 200, 1000, 3);
        long[] observed = new long[16];
        for (int t : tokens) {
            observed[t]++;
        }
        double[] p = TOY.unigramProbabilities();
        double chi2 = 0;
        int cells = 0;
        for (int t = 0; t < 16; t++) {
            if (p[t] > 0) {
                double expected = p[t] * tokens.length;
                chi2 += (observed[t] - expected) * (observed[t] - expected) / expected;
                cells++;
            } else {
                assertEquals(0, observed[t], "token " + t + " has probability 0");
            }
        }
        // df = cells − 1 ≤ 15: P(chi2 > 60) < 1e-6.
        assertTrue(chi2 < 60, "chi-square " + chi2 + " over " + cells + " cells");
    }

    @Test
    void bigramTransitionsConvergeToTheRows() {
        int length = 1000;
        int[] tokens = new NgramSampler(TOY).sample(NgramSampler.Order.BIGRAM, 200, length, 4);
        long[][] observed = new long[16][16];
        for (int s = 0; s < 200; s++) {
            for (int t = 1; t < length; t++) {
                observed[tokens[s * length + t - 1]][tokens[s * length + t]]++;
            }
        }
        double chi2 = 0;
        int df = 0;
        for (int i = 0; i < 16; i++) {
            long rowTotal = 0;
            for (long c : observed[i]) {
                rowTotal += c;
            }
            int support = 0;
            for (int j = 0; j < 16; j++) {
                double p = TOY.bigramProbability(i, j);
                if (p > 0) {
                    double expected = p * rowTotal;
                    chi2 += (observed[i][j] - expected) * (observed[i][j] - expected) / expected;
                    support++;
                } else {
                    assertEquals(0, observed[i][j], i + " → " + j + " never occurs in the data");
                }
            }
            df += Math.max(0, support - 1);
        }
        // A chi-square with df degrees of freedom exceeds df + 10·sqrt(2·df) with probability far below 1e-6.
        assertTrue(chi2 < df + 10 * Math.sqrt(2.0 * df), "chi-square " + chi2 + " with " + df + " degrees of freedom");
    }

    @Test
    void theSameSeedGivesTheSameSequencesWhateverTheThreads() {
        NgramSampler sampler = new NgramSampler(TOY);
        assertArrayEquals(sampler.sample(NgramSampler.Order.BIGRAM, 64, 50, 9), sampler.sample(NgramSampler.Order.BIGRAM, 64, 50, 9));
        int[] first = sampler.sample(NgramSampler.Order.BIGRAM, 64, 50, 9);
        int[] prefix = sampler.sample(NgramSampler.Order.BIGRAM, 3, 50, 9);
        assertArrayEquals(prefix, java.util.Arrays.copyOf(first, prefix.length));
    }
}
