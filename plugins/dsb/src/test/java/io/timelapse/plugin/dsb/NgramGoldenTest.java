package io.timelapse.plugin.dsb;

import static io.timelapse.plugin.dsb.Fixtures.assertClose;
import static io.timelapse.plugin.dsb.Fixtures.longs;
import static io.timelapse.plugin.dsb.Fixtures.rows;
import static io.timelapse.plugin.dsb.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.plugin.dsb.ngram.Divergences;
import io.timelapse.plugin.dsb.ngram.NgramStatistics;
import org.junit.jupiter.api.Test;

/** Unigram/bigram statistics and KL/JS divergences against the small n-gram and divergence goldens. */
class NgramGoldenTest {

    @Test
    void countsAndProbabilitiesMatchTheGoldens() {
        NgramStatistics stats = NgramStatistics.count(longs("ngram_tokens"), 16);
        assertClose(rows("ngram_bigram_counts"), stats.bigramCounts(), 0, "bigram counts");
        assertClose(vector("ngram_unigram_probs"), stats.unigramProbabilities(), 1e-15, "unigram");
        assertClose(rows("ngram_bigram_probs"), stats.bigramProbabilities(), 1e-15, "bigram");
    }

    @Test
    void emptyRowsHaveZeroProbabilities() {
        NgramStatistics stats = NgramStatistics.count(new long[] {0, 1, 0}, 3);
        assertClose(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 0}}, stats.bigramProbabilities(), 0, "bigram");
    }

    @Test
    void aTokenOutsideTheVocabularyIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NgramStatistics.count(new long[] {0, 5}, 3));
        assertEquals("token 5 at position 1 is outside the vocabulary of 3", e.getMessage());
    }

    @Test
    void klAndJsFromLogitsMatchTheGoldens() {
        double[][] p = rows("div_logits_p");
        double[][] q = rows("div_logits_q");
        double[] kl = new double[p.length];
        double[] js = new double[p.length];
        for (int r = 0; r < p.length; r++) {
            kl[r] = Divergences.kl(p[r], q[r]);
            js[r] = Divergences.js(p[r], q[r]);
        }
        assertClose(vector("div_kl_p_q"), kl, 1e-12, "KL");
        assertClose(vector("div_js_p_q"), js, 1e-12, "JS");
        assertEquals(0, Divergences.kl(p[0], p[0]), 1e-15);
    }
}
