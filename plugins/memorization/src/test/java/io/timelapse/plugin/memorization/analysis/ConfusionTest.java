package io.timelapse.plugin.memorization.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-made cases, counted on paper. */
class ConfusionTest {

    private static boolean[] flags(int... bits) {
        boolean[] flags = new boolean[bits.length];
        for (int i = 0; i < bits.length; i++) {
            flags[i] = bits[i] == 1;
        }
        return flags;
    }

    @Test
    void theSpecsExample() {
        Confusion c = Confusion.of(flags(1, 1, 0, 0, 1), flags(1, 0, 1, 0, 1));
        assertEquals(new Confusion(2, 1, 1, 1), c);
        assertEquals(2.0 / 3, c.precision(), 1e-15);
        assertEquals(2.0 / 3, c.recall(), 1e-15);
        assertEquals(0.5, c.falsePositiveRate(), 1e-15);
        assertEquals(1.0 / 3, c.falseNegativeRate(), 1e-15);
        assertEquals(5, c.total());
    }

    @Test
    void highPrecisionLowRecallLikeASmallModelPredictingALargeOne() {
        // The predictor flags 2 rows, both memorized by the target, which memorizes 8 of 10.
        Confusion c = Confusion.of(flags(1, 1, 0, 0, 0, 0, 0, 0, 0, 0), flags(1, 1, 1, 1, 1, 1, 1, 1, 0, 0));
        assertEquals(new Confusion(2, 0, 6, 2), c);
        assertEquals(1.0, c.precision());
        assertEquals(0.25, c.recall());
        assertEquals(0.0, c.falsePositiveRate());
        assertEquals(0.75, c.falseNegativeRate());
    }

    @Test
    void emptyDenominatorsAreNaN() {
        Confusion nothingFlagged = Confusion.of(flags(0, 0, 0), flags(0, 1, 0));
        assertTrue(Double.isNaN(nothingFlagged.precision()));
        assertEquals(0.0, nothingFlagged.recall());
        Confusion nothingMemorized = Confusion.of(flags(1, 0), flags(0, 0));
        assertTrue(Double.isNaN(nothingMemorized.recall()));
        assertEquals(0.0, nothingMemorized.precision());
        assertEquals(0.5, nothingMemorized.falsePositiveRate());
    }

    @Test
    void pearsonOfHandComputedPairs() {
        // x = 1,2,3; y = 2,4,7: means 2 and 13/3; Sxy = 5, Sxx = 2, Syy = 38/3 → r = 5/sqrt(76/3).
        assertEquals(5 / Math.sqrt(76.0 / 3), Pearson.of(new double[] {1, 2, 3}, new double[] {2, 4, 7}), 1e-15);
        assertEquals(-1.0, Pearson.of(new double[] {0, 1}, new double[] {1, 0}), 1e-15);
        assertTrue(Double.isNaN(Pearson.of(new double[] {1, 1, 1}, new double[] {0, 1, 2})));
    }

    @Test
    void poissonWindowsCountAndFit() {
        // Windows of 4: counts 1, 0, 3, 2 (the trailing 2 rows form no complete window).
        boolean[] memorized = flags(0, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 0, 0, 1, 1, 1);
        PoissonWindows w = PoissonWindows.of(memorized, 4);
        assertEquals(4, w.windows());
        assertEquals(1.5, w.lambda(), 1e-15);
        assertEquals(5.0 / 3, w.variance(), 1e-15); // (0.25 + 2.25 + 2.25 + 0.25) / 3
        assertEquals(10.0 / 9, w.dispersion(), 1e-15);
        assertEquals(1, w.observed(3));
        assertEquals(4 * Math.exp(-1.5) * 1.5 * 1.5 / 2, w.expected(2), 1e-12);
        assertEquals(Math.exp(-2) * 8 / 6, PoissonWindows.poissonPmf(2, 3), 1e-15);
        // Poisson(1.5): CDF(0) = 0.223, CDF(1) = 0.558, CDF(2) = 0.809.
        assertEquals(0, PoissonWindows.poissonQuantile(1.5, 0.2));
        assertEquals(1, PoissonWindows.poissonQuantile(1.5, 0.5));
        assertEquals(2, PoissonWindows.poissonQuantile(1.5, 0.8));
    }
}
