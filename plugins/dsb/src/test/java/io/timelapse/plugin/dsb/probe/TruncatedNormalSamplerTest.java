package io.timelapse.plugin.dsb.probe;

import io.timelapse.plugin.dsb.TestCompute;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.dsb.stats.ClassStatistics;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The truncated-normal sampler on a made-up skewed 6-d class of 2000 samples, 300 samples optimised. */
class TruncatedNormalSamplerTest {

    private static final int D = 6;
    private static final ClassStatistics CLASS = ClassStatistics.fit(SkewedClass.samples(2000, D, 7));
    private static final DMatrixRMaj SIGMA = TruncatedNormalSampler.besselCovariance(CLASS);
    private static final TruncatedNormalSampler SAMPLER = new TruncatedNormalSampler(TestCompute.SERVICE);

    @Test
    void optimisedSamplesMatchTheClassMeanAndCovarianceInsideTheCube() {
        double[][] x = SAMPLER.sample(CLASS, 300, 11);
        double[][] start = TruncatedNormalSampler.initialSamples(CLASS.mean(), SIGMA, 300, 11);
        // The clamped Gaussian start is off by 9e-3 (mean) and 3e-3 (covariance); 100 L-BFGS iterations reach ~3e-7.
        assertTrue(meanError(start) > 1e-3 && covarianceError(start) > 1e-3, "the test needs a start that is off");
        assertTrue(meanError(x) < 1e-5, "mean off by " + meanError(x));
        assertTrue(covarianceError(x) < 1e-5, "covariance off by " + covarianceError(x));
        for (double[] row : x) {
            for (double v : row) {
                assertTrue(v > 0 && v < 1, "sample value " + v + " outside (0, 1)");
            }
        }
    }

    @Test
    void theStartIsTheClampedGaussianOfTheSymmetricRoot() {
        double[][] start = TruncatedNormalSampler.initialSamples(CLASS.mean(), SIGMA, 5000, 3);
        int clamped = 0;
        for (double[] row : start) {
            for (double v : row) {
                assertTrue(v >= TruncatedNormalSampler.EPS && v <= 1 - TruncatedNormalSampler.EPS);
                clamped += v == TruncatedNormalSampler.EPS || v == 1 - TruncatedNormalSampler.EPS ? 1 : 0;
            }
        }
        // A Gaussian overshoots the cube now and then (here 248 of 30,000 values); those are clamped, not redrawn.
        assertTrue(clamped > 100 && clamped < 500, clamped + " clamped values");
        assertTrue(meanError(start) < 0.01, "Gaussian start mean off by " + meanError(start));
        assertTrue(covarianceError(start) < 0.003, "Gaussian start covariance off by " + covarianceError(start));
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
        double[][] a = SAMPLER.sample(CLASS, 40, 5);
        double[][] b = SAMPLER.sample(CLASS, 40, 5);
        double[][] c = SAMPLER.sample(CLASS, 40, 6);
        for (int r = 0; r < a.length; r++) {
            assertArrayEquals(a[r], b[r], 0, "row " + r);
        }
        assertFalse(Arrays.deepEquals(a, c));
    }

    @Test
    void tooFewSamplesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SAMPLER.sample(CLASS, 1, 0));
        assertEquals("the truncated-normal sampler needs at least 2 samples per class (KoLeo needs a neighbour), got 1", e.getMessage());
        ClassStatistics single = ClassStatistics.fit(new double[][] {{0.5, 0.5}});
        e = assertThrows(IllegalArgumentException.class, () -> SAMPLER.sample(single, 10, 0));
        assertEquals("the truncated-normal sampler needs a class of at least 2 samples, got 1", e.getMessage());
    }

    private static double meanError(double[][] x) {
        double[] mean = ClassStatistics.fit(x).mean();
        double max = 0;
        for (int i = 0; i < D; i++) {
            max = Math.max(max, Math.abs(mean[i] - CLASS.mean()[i]));
        }
        return max;
    }

    private static double covarianceError(double[][] x) {
        DMatrixRMaj cov = TruncatedNormalSampler.besselCovariance(ClassStatistics.fit(x));
        double max = 0;
        for (int k = 0; k < cov.data.length; k++) {
            max = Math.max(max, Math.abs(cov.data[k] - SIGMA.data[k]));
        }
        return max;
    }
}
