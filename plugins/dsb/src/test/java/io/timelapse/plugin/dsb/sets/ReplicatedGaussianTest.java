package io.timelapse.plugin.dsb.sets;

import static io.timelapse.plugin.dsb.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.dsb.edit.GaussianTransport;
import io.timelapse.plugin.dsb.stats.ClassStatistics;
import io.timelapse.plugin.dsb.stats.LinearShrinkage;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * The RGB statistics from the grayscale ones ({@link ClassGaussian}, {@link ClassTransport}) against the direct
 * computation on the replicated 3d-dimensional data: shrinkage, covariance, transport map, edits and the sampler's
 * square root.
 */
class ReplicatedGaussianTest {

    private static final int D = 5;

    private static double[][] gray(long seed, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[40][D];
        for (double[] row : rows) {
            double shared = random.nextGaussian();
            for (int p = 0; p < D; p++) {
                row[p] = 0.5 + scale * (0.3 * shared + random.nextGaussian() * (p + 1) / D);
            }
        }
        return rows;
    }

    private static double[][] rgb(double[][] gray) {
        double[][] rows = new double[gray.length][];
        for (int i = 0; i < gray.length; i++) {
            rows[i] = Replicas.replicate(gray[i], 3);
        }
        return rows;
    }

    /** The shrunk covariance of the replicated rows, decomposed and used directly. */
    private static DMatrixRMaj direct(double[][] gray) {
        ClassStatistics stats = ClassStatistics.fit(rgb(gray));
        return LinearShrinkage.of(stats.covarianceMle(), stats.n()).apply();
    }

    @Test
    void shrunkCovarianceOfReplicasEqualsTheDirectOne() {
        double[][] gray = gray(1, 0.1);
        ClassGaussian rgb = ClassGaussian.fit(ClassStatistics.fit(gray), 3, true);
        ClassStatistics direct = ClassStatistics.fit(rgb(gray));
        assertEquals(LinearShrinkage.of(direct.covarianceMle(), direct.n()).alpha(), rgb.alpha(), 1e-15);
        assertTrue(rgb.alpha() < 1 && rgb.isotropic() > 0);
        assertClose(direct(gray), rgb.covariance(), 1e-15, "Sigma");
        assertClose(direct.mean(), rgb.fullMean(), 1e-15, "mean");
        assertTrue(rgb.positiveDefinite());
    }

    @Test
    void grayscaleGaussianIsTheShrunkCovarianceItself() {
        double[][] gray = gray(2, 0.1);
        ClassStatistics stats = ClassStatistics.fit(gray);
        ClassGaussian one = ClassGaussian.fit(stats, 1, true);
        LinearShrinkage shrinkage = LinearShrinkage.of(stats.covarianceMle(), stats.n());
        assertEquals(shrinkage.alpha(), one.alpha());
        assertClose(shrinkage.apply(), one.covariance(), 0, "Sigma");
    }

    @Test
    void transportMapOfReplicasEqualsTheDirectOne() {
        double[][] source = gray(3, 0.1);
        double[][] target = gray(4, 0.2);
        ClassGaussian s = ClassGaussian.fit(ClassStatistics.fit(source), 3, true);
        ClassGaussian t = ClassGaussian.fit(ClassStatistics.fit(target), 3, true);
        ClassTransport map = ClassTransport.between(s, ClassTransport.Roots.of(s), t);
        GaussianTransport direct = GaussianTransport.between(s.fullMean(), direct(source), t.fullMean(), direct(target));
        assertClose(direct.a(), map.matrix(), 1e-12, "A");
        assertClose(direct.b(), map.offset(), 1e-12, "b");
        // An image that is not a replica exercises the part of A off the replicated images too.
        double[] x = new double[3 * D];
        for (int p = 0; p < x.length; p++) {
            x[p] = (p * 7 % 11) / 10.0;
        }
        assertClose(direct.apply(x), map.apply(x), 1e-12, "edit");
        // A Sigma_s A^T = Sigma_t for the full matrices.
        DMatrixRMaj a = map.matrix();
        DMatrixRMaj left = new DMatrixRMaj(3 * D, 3 * D);
        DMatrixRMaj pushed = new DMatrixRMaj(3 * D, 3 * D);
        CommonOps_DDRM.mult(a, s.covariance(), left);
        CommonOps_DDRM.multTransB(left, a, pushed);
        assertClose(t.covariance(), pushed, 1e-12, "A Sigma_s A^T");
    }

    @Test
    void samplerOfReplicasIsASquareRootOfSigma() {
        ClassGaussian rgb = ClassGaussian.fit(ClassStatistics.fit(gray(5, 0.1)), 3, true);
        ClassGaussian.Sampler sampler = rgb.sampler();
        int n = 3 * D;
        DMatrixRMaj factor = new DMatrixRMaj(n, n);
        double[] mean = rgb.fullMean();
        for (int k = 0; k < n; k++) {
            double[] unit = new double[n];
            unit[k] = 1;
            double[] x = sampler.sample(unit);
            for (int i = 0; i < n; i++) {
                factor.set(i, k, x[i] - mean[i]);
            }
        }
        DMatrixRMaj product = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(factor, factor, product);
        assertClose(rgb.covariance(), product, 1e-14, "F F^T");
    }

    @Test
    void replicasWithoutShrinkageAreSingular() {
        ClassGaussian rgb = ClassGaussian.fit(ClassStatistics.fit(gray(6, 0.1)), 3, false);
        assertEquals(1, rgb.alpha());
        assertFalse(rgb.positiveDefinite());
        assertTrue(ClassGaussian.fit(ClassStatistics.fit(gray(6, 0.1)), 1, false).positiveDefinite());
    }
}
