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
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The third-order sampler on a made-up skewed 8-d class of 2000 samples, 300 samples optimised with the defaults. */
class ThirdOrderSamplerTest {

    private static final int D = 8;
    private static final double[][] CLASS = SkewedClass.samples(2000, D, 7);
    private static final ThirdOrderSampler SAMPLER = new ThirdOrderSampler(TestCompute.SERVICE);

    @Test
    void adamCutsTheThirdMomentMismatchOfTheGaussianStartWhileKeepingMeanAndCovariance() {
        ThirdOrderSampler.Target target = SAMPLER.target(CLASS, 11);
        assertEquals(D, target.projections(), "with k >= d every direction is matched");
        double[][] start = ThirdOrderSampler.initialSamples(target, 300, 11);
        double[][] x = SAMPLER.sample(CLASS, 300, 11);
        // Measured: co-skewness mismatch 6.2e-3 -> 1.7e-4 (|T| = 1.2e-2); mean 1.2e-2 -> 1.6e-4; covariance 3.3e-3 -> 4.9e-5.
        assertTrue(coskewnessError(start, target) > 0.4 * norm(target.coskewness()), "the Gaussian start has the wrong third moments");
        assertTrue(coskewnessError(x, target) < coskewnessError(start, target) / 20,
            "co-skewness mismatch " + coskewnessError(start, target) + " -> " + coskewnessError(x, target));
        assertTrue(meanError(x, target) < 1e-3, "mean off by " + meanError(x, target));
        assertTrue(covarianceError(x, target) < 2e-4, "covariance off by " + covarianceError(x, target));
        for (double[] row : x) {
            for (double v : row) {
                assertTrue(v >= 0 && v <= 1, "sample value " + v + " outside [0, 1]");
            }
        }
    }

    @Test
    void withAsManyProjectionsAsDimensionsTheProjectedMismatchIsTheFullCoskewnessMismatch() {
        ThirdOrderSampler.Target target = SAMPLER.target(CLASS, 3);
        DMatrixRMaj gram = new DMatrixRMaj(D, D);
        CommonOps_DDRM.multTransA(target.projection(), target.projection(), gram);
        assertTrue(maxDifference(CommonOps_DDRM.identity(D).data, gram.data) < 1e-12, "P is orthonormal");
        double[][] other = SkewedClass.samples(500, D, 99);
        DMatrixRMaj identity = CommonOps_DDRM.identity(D);
        double full = distance(ThirdOrderSampler.projectedCoskewness(CLASS, identity), ThirdOrderSampler.projectedCoskewness(other, identity));
        double projected = distance(target.coskewness(), ThirdOrderSampler.projectedCoskewness(other, target.projection()));
        assertEquals(full, projected, 1e-12 * full);
        assertTrue(full > 1e-3);
    }

    @Test
    void fewerProjectionsThanDimensionsGiveOrthonormalSeededDirections() {
        DMatrixRMaj p = ThirdOrderSampler.projection(50, 4, 8);
        assertEquals(50, p.numRows);
        assertEquals(4, p.numCols);
        DMatrixRMaj gram = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.multTransA(p, p, gram);
        assertTrue(maxDifference(CommonOps_DDRM.identity(4).data, gram.data) < 1e-12);
        assertArrayEquals(p.data, ThirdOrderSampler.projection(50, 4, 8).data, 0);
        assertFalse(Arrays.equals(p.data, ThirdOrderSampler.projection(50, 4, 9).data));
    }

    @Test
    void theCoskewnessIsTheThirdCentralMomentTensor() {
        double[][] x = {{0, 1}, {1, 0}, {2, 2}, {5, 1}};
        double[] t = ThirdOrderSampler.projectedCoskewness(x, CommonOps_DDRM.identity(2));
        // Centred: (-2, 0), (-1, -1), (0, 1), (3, 0); T_000 = (-8 - 1 + 0 + 27) / 4, T_001 = T_011 = -1 / 4, T_111 = (-1 + 1) / 4.
        assertArrayEquals(new double[] {4.5, -0.25, -0.25, -0.25, -0.25, -0.25, -0.25, 0}, t, 1e-15);
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
        ThirdOrderSampler short200 = new ThirdOrderSampler(TestCompute.SERVICE, 200, ThirdOrderSampler.LEARNING_RATE, 4);
        double[][] a = short200.sample(CLASS, 50, 5);
        double[][] b = short200.sample(CLASS, 50, 5);
        double[][] c = short200.sample(CLASS, 50, 6);
        for (int r = 0; r < a.length; r++) {
            assertArrayEquals(a[r], b[r], 0, "row " + r);
        }
        assertFalse(Arrays.deepEquals(a, c));
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SAMPLER.sample(CLASS, 1, 0));
        assertEquals("the third-order sampler needs at least 2 samples per class, got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ThirdOrderSampler(TestCompute.SERVICE, 10, 0, 4));
        assertEquals("the third-order sampler needs steps >= 0, a positive learning rate and at least one projection, got 10, 0.0, 4", e.getMessage());
    }

    private static double meanError(double[][] x, ThirdOrderSampler.Target target) {
        return maxDifference(ClassStatistics.fit(x).mean(), target.mean());
    }

    private static double covarianceError(double[][] x, ThirdOrderSampler.Target target) {
        return maxDifference(ClassStatistics.fit(x).covarianceMle().data, target.covariance().data);
    }

    private static double coskewnessError(double[][] x, ThirdOrderSampler.Target target) {
        return distance(ThirdOrderSampler.projectedCoskewness(x, target.projection()), target.coskewness());
    }

    private static double maxDifference(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private static double norm(double[] v) {
        return distance(v, new double[v.length]);
    }
}
