package io.timelapse.plugin.dsb.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sparse counter on data larger than its buffer, and the entropy rates. */
class NgramStatisticsTest {

    @Test
    void countsAcrossManyBufferFlushesEqualAHashMapCount() {
        int vocabulary = 50277;
        SplittableRandom random = new SplittableRandom(5);
        NgramCounter counter = new NgramCounter(vocabulary);
        Map<Long, Long> expected = new HashMap<>();
        long[] unigram = new long[vocabulary];
        for (int row = 0; row < 30; row++) {
            int[] tokens = new int[50_000];
            for (int t = 0; t < tokens.length; t++) {
                // Skewed towards low ids, as real text is, so that pairs repeat.
                tokens[t] = (int) Math.min(vocabulary - 1, Math.abs(random.nextGaussian()) * 300);
            }
            counter.add(tokens, tokens.length);
            for (int t = 0; t + 1 < tokens.length; t++) {
                expected.merge((long) tokens[t] * vocabulary + tokens[t + 1], 1L, Long::sum);
                unigram[tokens[t]]++;
            }
        }
        NgramStatistics stats = counter.statistics();
        assertEquals(30L * 49_999, stats.total());
        assertEquals(expected.size(), stats.nonZeros());
        for (Map.Entry<Long, Long> e : expected.entrySet()) {
            assertEquals(e.getValue(), stats.bigramCount((int) (e.getKey() / vocabulary), (int) (e.getKey() % vocabulary)));
        }
        for (int t = 0; t < vocabulary; t++) {
            assertEquals(unigram[t], stats.unigramCount(t));
        }
    }

    @Test
    void pairsAreCountedWithinSequencesOnly() {
        NgramCounter counter = new NgramCounter(4);
        counter.add(new int[] {0, 1, 2}, 3);
        counter.add(new int[] {3, 0, 9}, 2);
        NgramStatistics stats = counter.statistics();
        assertEquals(3, stats.total());
        assertEquals(0, stats.bigramCount(2, 3));
        assertEquals(1, stats.bigramCount(3, 0));
    }

    @Test
    void entropyRatesOfAKnownChain() {
        // Pairs: 0→0, 0→1 (row 0 uniform over 2), 1→0 (row 1 deterministic).
        NgramStatistics stats = NgramStatistics.count(new long[] {0, 0, 1, 0}, 2);
        assertEquals(-(2.0 / 3) * Math.log(2.0 / 3) - (1.0 / 3) * Math.log(1.0 / 3), stats.unigramEntropy(), 1e-15);
        assertEquals(2.0 / 3 * Math.log(2), stats.bigramEntropyRate(), 1e-15);
    }

    @Test
    void aTokenOutsideTheVocabularySaysWhere() {
        TokenOutOfRangeException e = assertThrows(TokenOutOfRangeException.class, () -> new NgramCounter(3).add(new int[] {0, 1, 7}, 3));
        assertEquals("token id 7 at position 2 is not below the vocabulary size 3", e.getMessage());
    }
}
