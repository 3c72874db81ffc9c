package io.timelapse.plugin.dsb;

import static io.timelapse.plugin.dsb.Fixtures.assertClose;
import static io.timelapse.plugin.dsb.Fixtures.intRows;
import static io.timelapse.plugin.dsb.Fixtures.matrix;
import static io.timelapse.plugin.dsb.Fixtures.rows;
import static io.timelapse.plugin.dsb.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.plugin.dsb.probe.ConradDistribution;
import io.timelapse.plugin.dsb.probe.GaussianSampler;
import io.timelapse.plugin.dsb.probe.IndependentCoordinatesSampler;
import io.timelapse.plugin.dsb.stats.QuantileTable;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Probe-set samplers (Gaussian, ICS, Conrad) against the float64 Fashion-MNIST goldens at 14x14 ({@code fm14_*}) and
 * 28x28 ({@code fm28_*}; no ICS there, as the 28x28 quantile tables are not in the fixtures).
 */
class ProbeGoldenTest {

    @ParameterizedTest
    @ValueSource(strings = {"fm14", "fm28"})
    void gaussianSamplesFromFixedDrawsMatchTheGolden(String size) {
        GaussianSampler sampler = new GaussianSampler(vector(size + "_mean_c0"), matrix(size + "_cov_c0"));
        double[][] z = rows(size + "_gauss_z_c0");
        double[][] x = new double[z.length][];
        for (int r = 0; r < z.length; r++) {
            x[r] = sampler.sample(z[r]);
        }
        assertClose(rows(size + "_gauss_x_c0"), x, 1e-10, "mu + L z");
    }

    @Test
    void aCovarianceThatIsNotPositiveDefiniteIsRefused() {
        DMatrixRMaj singular = new DMatrixRMaj(new double[][] {{1, 1}, {1, 1}});
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> new GaussianSampler(new double[2], singular));
        assertEquals("the 2x2 covariance is not positive definite (Cholesky failed)", e.getMessage());
    }

    @Test
    void independentCoordinateSamplesMatchTheGolden() {
        IndependentCoordinatesSampler sampler = new IndependentCoordinatesSampler(new QuantileTable(rows("fm14_qlut_c0")));
        int[][] bins = intRows("fm14_ics_bin_indices_c0");
        double[][] expected = rows("fm14_ics_samples_c0");
        for (int r = 0; r < bins.length; r++) {
            assertArrayEquals(expected[r], sampler.sample(bins[r]), 0, "ICS row " + r);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fm14", "fm28"})
    void conradParametersAndSamplesMatchTheGolden(String size) {
        double[] mu = vector(size + "_conrad_mu_val_c0");
        double[] b = vector(size + "_conrad_b_c0");
        double[] a = vector(size + "_conrad_a_c0");
        double[][] u = rows(size + "_conrad_u_c0");
        double[][] expected = rows(size + "_conrad_samples_c0");
        ConradDistribution[] fitted = new ConradDistribution[mu.length];
        for (int p = 0; p < mu.length; p++) {
            fitted[p] = ConradDistribution.withMean(mu[p]);
            assertEquals(b[p], fitted[p].b(), 1e-9 * Math.max(Math.abs(b[p]), 1e-3), "b at " + p);
            assertEquals(a[p], fitted[p].a(), 1e-9 * Math.max(Math.abs(a[p]), 1), "a at " + p);
        }
        for (int r = 0; r < u.length; r++) {
            double[] x = new double[mu.length];
            for (int p = 0; p < mu.length; p++) {
                x[p] = fitted[p].sample(u[r][p]);
            }
            assertClose(expected[r], x, 1e-9, "Conrad samples row " + r);
        }
    }

    @Test
    void conradSolvesNearTheUniformAndAtTheClippedEnds() {
        assertEquals(0, ConradDistribution.withMean(0.5).b(), 0);
        // mean(b) = 1/2 - b/12 + O(b^3): a mean just below 1/2 gives a small positive b
        assertEquals(12e-9, ConradDistribution.withMean(0.5 - 1e-9).b(), 1e-15);
        assertEquals(-12e-9, ConradDistribution.withMean(0.5 + 1e-9).b(), 1e-15);
        ConradDistribution low = ConradDistribution.withMean(0);
        assertEquals(1 / 3e-3, low.b(), 1e-9);
        assertEquals(-low.b(), ConradDistribution.withMean(1).b(), 1e-9);
        assertEquals(0.25, ConradDistribution.withMean(0.5).sample(0.25), 0);
    }
}
