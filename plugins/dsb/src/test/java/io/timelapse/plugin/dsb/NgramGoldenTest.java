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
        assertClose(rows("ngram_bigram_counts"), dense(stats, (i, j) -> stats.bigramCount(i, j)), 0, "bigram counts");
        assertClose(vector("ngram_unigram_probs"), stats.unigramProbabilities(), 1e-15, "unigram");
        assertClose(rows("ngram_bigram_probs"), dense(stats, stats::bigramProbability), 1e-15, "bigram");
        assertEquals(4999, stats.total());
    }

    /** The sparse rows in scipy's CSR layout expand to the golden dense table. */
    @Test
    void csrArraysExpandToTheGoldenCounts() {
        NgramStatistics stats = NgramStatistics.count(longs("ngram_tokens"), 16);
        double[][] expanded = new double[16][16];
        long[] indptr = stats.rowStarts();
        for (int row = 0; row < 16; row++) {
            for (int k = (int) indptr[row]; k < indptr[row + 1]; k++) {
                expanded[row][stats.nextTokens()[k]] = stats.pairCounts()[k];
            }
        }
        assertClose(rows("ngram_bigram_counts"), expanded, 0, "CSR counts");
    }

    /** The table {@code value(i, j)} over the whole vocabulary. */
    static double[][] dense(NgramStatistics stats, Cell value) {
        int v = stats.vocabulary();
        double[][] out = new double[v][v];
        for (int i = 0; i < v; i++) {
            for (int j = 0; j < v; j++) {
                out[i][j] = value.at(i, j);
            }
        }
        return out;
    }

    @FunctionalInterface
    interface Cell {
        double at(int prev, int next);
    }

    @Test
    void emptyRowsHaveZeroProbabilities() {
        NgramStatistics stats = NgramStatistics.count(new long[] {0, 1, 0}, 3);
        assertClose(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 0}}, dense(stats, stats::bigramProbability), 0, "bigram");
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
