package io.timelapse.plugin.dsb;

import static io.timelapse.plugin.dsb.Fixtures.assertClose;
import static io.timelapse.plugin.dsb.Fixtures.matrix;
import static io.timelapse.plugin.dsb.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.plugin.dsb.data.FashionMnist;
import io.timelapse.plugin.dsb.data.LabeledImages;
import io.timelapse.plugin.dsb.data.Pixels;
import io.timelapse.plugin.dsb.stats.ClassStatistics;
import io.timelapse.plugin.dsb.stats.LinearShrinkage;
import io.timelapse.plugin.dsb.stats.SymmetricRoots;
import java.io.IOException;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Class statistics, shrinkage and matrix roots against the float64 Fashion-MNIST 14x14 goldens. */
class StatisticsGoldenTest {

    private static final int N = 6000; // stats.json: n_source = n_target = 6000

    @Test
    void shrinkageOfTheMleCovarianceMatchesTheGoldenCovariance() {
        LinearShrinkage c0 = LinearShrinkage.of(matrix("fm14_cov_mle_c0"), N);
        assertEquals(0.9993343362966864, c0.alpha(), 1e-12); // stats.json shrink_alpha_source
        assertClose(matrix("fm14_cov_c0"), c0.apply(), 1e-12, "Sigma0");
        LinearShrinkage c1 = LinearShrinkage.of(matrix("fm14_cov_mle_c1"), N);
        assertEquals(0.9988855138928193, c1.alpha(), 1e-12); // stats.json shrink_alpha_target
        assertClose(matrix("fm14_cov_c1"), c1.apply(), 1e-12, "Sigma1");
    }

    @Test
    void meanAndScatterOfSamples() {
        double[][] x = {{1, 2}, {3, 6}, {5, 4}};
        ClassStatistics stats = ClassStatistics.fit(x);
        assertArrayEquals(new double[] {3, 4}, stats.mean(), 1e-15);
        // deviations (-2,-2), (0,2), (2,0): scatter [[8, 4], [4, 8]]
        assertArrayEquals(new double[] {8, 4, 4, 8}, stats.scatter().data, 1e-15);
        assertArrayEquals(new double[] {8 / 3.0, 4 / 3.0, 4 / 3.0, 8 / 3.0}, stats.covarianceMle().data, 1e-15);
        assertEquals(3, stats.n());
    }

    @Test
    void theComputeServiceFitsTheSameStatistics() throws IOException {
        double[][] x = {{1, 2}, {3, 6}, {5, 4}};
        ClassStatistics small = ClassStatistics.fit(TestCompute.SERVICE, x);
        assertArrayEquals(new double[] {3, 4}, small.mean(), 1e-15);
        assertArrayEquals(new double[] {8, 4, 4, 8}, small.scatter().data, 1e-15);
        // Class 0 of the embedded validation images at 28x28: ~100 samples of 784 values, host fit as the reference.
        LabeledImages validation = FashionMnist.validation();
        double[][] rows = IntStream.range(0, validation.count()).filter(i -> validation.labels()[i] == 0)
                .mapToObj(i -> Pixels.row(validation.images(), i, 1, false)).toArray(double[][]::new);
        ClassStatistics host = ClassStatistics.fit(rows);
        ClassStatistics compute = ClassStatistics.fit(TestCompute.SERVICE, rows);
        assertEquals(host.n(), compute.n());
        assertArrayEquals(host.mean(), compute.mean(), 1e-15);
        assertClose(host.scatter(), compute.scatter(), 1e-11, "scatter");
        for (int i = 0; i < 784; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(compute.scatter().get(j, i), compute.scatter().get(i, j), "symmetric");
            }
        }
        // Pixels are integers over 255: the exact float32 path gives the same statistics.
        ClassStatistics integers = ClassStatistics.fit(TestCompute.SERVICE, rows, 255);
        assertArrayEquals(host.mean(), integers.mean(), 1e-15);
        assertClose(host.scatter(), integers.scatter(), 1e-11, "scatter from integers");
        // Pooled 2x2 (integers over 4·255) take small chunks; samples that are not integers fall back to float64.
        double[][] pooled = IntStream.range(0, validation.count()).filter(i -> validation.labels()[i] == 3)
                .mapToObj(i -> Pixels.row(validation.images(), i, 2, false)).toArray(double[][]::new);
        assertClose(ClassStatistics.fit(pooled).scatter(), ClassStatistics.fit(TestCompute.SERVICE, pooled, 1020).scatter(),
                1e-11, "pooled scatter");
        assertClose(small.scatter(), ClassStatistics.fit(TestCompute.SERVICE, x, 2.5).scatter(), 1e-15, "fallback");
        assertThrows(IllegalArgumentException.class, () -> ClassStatistics.fit(TestCompute.SERVICE, new double[0][]));
    }

    @Test
    void integerSamplesInManyChunksGiveTheExactScatter() {
        // 3001 rows of 0 or 255 (and a column of 5000s): centred values near ±127 put about 1,000 rows in a chunk.
        int n = 3001;
        int d = 5;
        double[][] x = new double[n][d];
        java.util.Random random = new java.util.Random(3);
        for (double[] row : x) {
            for (int i = 0; i < d - 1; i++) {
                row[i] = random.nextInt(4) == 0 ? 0 : 1;
            }
            row[d - 1] = 5000 / 255.0;
        }
        ClassStatistics fitted = ClassStatistics.fit(TestCompute.SERVICE, x, 255);
        for (int i = 0; i < d; i++) {
            long sumI = 0;
            for (double[] row : x) {
                sumI += Math.round(row[i] * 255);
            }
            assertEquals(sumI / (double) n / 255, fitted.mean()[i], 1e-15);
            for (int j = 0; j < d; j++) {
                long sumJ = 0;
                long products = 0;
                for (double[] row : x) {
                    sumJ += Math.round(row[j] * 255);
                    products += Math.round(row[i] * 255) * Math.round(row[j] * 255);
                }
                // Exact integer arithmetic, rounded once: products − sumI·sumJ / n, over 255².
                double expected = (products * (double) n - (double) sumI * sumJ) / n / (255.0 * 255);
                assertEquals(expected, fitted.scatter().get(i, j), 1e-9 * Math.max(1, Math.abs(expected)), i + "," + j);
            }
        }
        // A centred value of 2¹² or more has an inexact square in float32: such samples take the float64 path.
        double[][] large = {{0}, {8192 / 255.0}, {0}, {0}};
        assertEquals(ClassStatistics.fit(large).scatter().get(0, 0), ClassStatistics.fit(TestCompute.SERVICE, large, 255).scatter().get(0, 0),
                1e-9);
    }

    @Test
    void anEmptyClassIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassStatistics.fit(new double[0][]));
        assertEquals("the class has no samples", e.getMessage());
    }

    @Test
    void eigenvaluesAndRootsOfTheShrunkCovariance() {
        SymmetricRoots roots = SymmetricRoots.of(matrix("fm14_cov_c0"));
        assertClose(vector("fm14_eigvals_cov_c0"), roots.eigenvalues(), 1e-12, "eigenvalues");
        assertClose(matrix("fm14_sqrt_cov_c0"), roots.sqrt(), 1e-10, "sqrt");
        assertClose(matrix("fm14_rsqrt_cov_c0"), roots.rsqrt(), 1e-8, "rsqrt");
    }

    @Test
    void rsqrtIsAPseudoInverseThatZeroesTinyEigenvalues() {
        DMatrixRMaj m = new DMatrixRMaj(new double[][] {{4, 0}, {0, 1e-30}});
        DMatrixRMaj r = SymmetricRoots.of(m).rsqrt();
        assertArrayEquals(new double[] {0.5, 0, 0, 0}, r.data, 1e-15);
        DMatrixRMaj s = SymmetricRoots.of(new DMatrixRMaj(new double[][] {{4, 0}, {0, -1e-12}})).sqrt();
        assertArrayEquals(new double[] {2, 0, 0, 0}, s.data, 1e-15);
    }
}
