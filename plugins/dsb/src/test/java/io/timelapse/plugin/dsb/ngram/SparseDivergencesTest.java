package io.timelapse.plugin.dsb.ngram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The O(nonzeros) KL and JS from n-gram counts equal the dense, golden-tested {@link Divergences} on the same distributions. */
class SparseDivergencesTest {

    @Test
    void sparseEqualsDense() {
        SplittableRandom random = new SplittableRandom(2);
        int v = 40;
        for (int trial = 0; trial < 20; trial++) {
            int[] ids = random.ints(0, v).distinct().limit(1 + random.nextInt(v)).sorted().toArray();
            long[] counts = new long[ids.length];
            long total = 0;
            double[] ngramLogits = new double[v];
            java.util.Arrays.fill(ngramLogits, Double.NEGATIVE_INFINITY);
            for (int k = 0; k < ids.length; k++) {
                counts[k] = 1 + random.nextInt(50);
                total += counts[k];
            }
            for (int k = 0; k < ids.length; k++) {
                ngramLogits[ids[k]] = Math.log((double) counts[k] / total);
            }
            double[] modelLogits = random.doubles(v, -8, 8).toArray();
            double[] logP = Divergences.logSoftmax(modelLogits);
            assertEquals(Divergences.kl(ngramLogits, modelLogits), Divergences.klFromCounts(ids, counts, 0, ids.length, total, logP), 1e-12);
            assertEquals(Divergences.js(ngramLogits, modelLogits), Divergences.jsFromCounts(ids, counts, 0, ids.length, total, logP), 1e-12);
        }
    }
}
