package io.timelapse.plugin.dsb;

import static io.timelapse.plugin.dsb.Fixtures.assertClose;
import static io.timelapse.plugin.dsb.Fixtures.intRows;
import static io.timelapse.plugin.dsb.Fixtures.matrix;
import static io.timelapse.plugin.dsb.Fixtures.rows;
import static io.timelapse.plugin.dsb.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.dsb.data.FashionMnist;
import io.timelapse.plugin.dsb.data.LabeledImages;
import io.timelapse.plugin.dsb.data.Pixels;
import io.timelapse.plugin.dsb.edit.BoundedMeanShift;
import io.timelapse.plugin.dsb.edit.GaussianTransport;
import io.timelapse.plugin.dsb.edit.QuantileEdit;
import io.timelapse.plugin.dsb.stats.QuantileTable;
import io.timelapse.plugin.dsb.stats.SymmetricRoots;
import java.io.IOException;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/**
 * Optimal-transport edits (Gaussian, CQN, bounded shift) against the float64 Fashion-MNIST goldens at 14x14
 * ({@code fm14_*}) and 28x28 ({@code fm28_*}; no CQN there, as the 28x28 quantile tables are not in the fixtures).
 */
class EditGoldenTest {

    private static final GaussianTransport FORWARD = GaussianTransport.between(
            vector("fm14_mean_c0"), matrix("fm14_cov_c0"), vector("fm14_mean_c1"), matrix("fm14_cov_c1"));
    private static final GaussianTransport FULL_SIZE = GaussianTransport.between(
            vector("fm28_mean_c0"), matrix("fm28_cov_c0"), vector("fm28_mean_c1"), matrix("fm28_cov_c1"));

    @Test
    void innerSqrtMatchesTheGolden() {
        DMatrixRMaj sqrt0 = SymmetricRoots.of(matrix("fm14_cov_c0")).sqrt();
        assertClose(matrix("fm14_inner_sqrt_c0_to_c1"), GaussianTransport.innerSqrt(sqrt0, matrix("fm14_cov_c1")), 1e-10, "inner sqrt");
    }

    @Test
    void mapsInBothDirectionsMatchTheGoldens() {
        assertClose(matrix("fm14_ot_A_c0_to_c1"), FORWARD.a(), 1e-8, "A 0->1");
        assertClose(vector("fm14_ot_b_c0_to_c1"), FORWARD.b(), 1e-8, "b 0->1");
        GaussianTransport reverse = GaussianTransport.between(
                vector("fm14_mean_c1"), matrix("fm14_cov_c1"), vector("fm14_mean_c0"), matrix("fm14_cov_c0"));
        // Class 1's covariance is worse conditioned, so the reverse map is more solver-dependent: numpy's own float64
        // recomputation (LAPACK eigh) differs from this golden by 4.1e-8, and the golden A01·A10 from I by 4.6e-8.
        assertClose(matrix("fm14_ot_A_c1_to_c0"), reverse.a(), 1e-7, "A 1->0");
        DMatrixRMaj product = new DMatrixRMaj(196, 196);
        CommonOps_DDRM.mult(FORWARD.a(), reverse.a(), product);
        assertClose(CommonOps_DDRM.identity(196), product, 1e-6, "A01 A10 = I");
    }

    @Test
    void theMapsPushTheSourceCovarianceOntoTheTarget() {
        assertClose(matrix("fm14_cov_c1"), pushForward(FORWARD.a(), matrix("fm14_cov_c0")), 1e-10, "A01 Sigma0 A01^T");
        GaussianTransport reverse = GaussianTransport.between(
                vector("fm14_mean_c1"), matrix("fm14_cov_c1"), vector("fm14_mean_c0"), matrix("fm14_cov_c0"));
        assertClose(matrix("fm14_cov_c0"), pushForward(reverse.a(), matrix("fm14_cov_c1")), 1e-10, "A10 Sigma1 A10^T");
    }

    @Test
    void theFullSizeMapMatchesTheGoldenAsFarAsFloat64DeterminesIt() {
        DMatrixRMaj golden = matrix("fm28_ot_A_c0_to_c1");
        DMatrixRMaj cov0 = matrix("fm28_cov_c0");
        // Not the fixtures' 1e-8: at 28x28 Sigma0 has condition number 3.2e5 (eigenvalues 5.0e-5 .. 16.4) and the
        // inner matrix Sigma0^1/2 Sigma1 Sigma0^1/2 2.3e10, so A = Sigma0^-1/2 (inner)^1/2 Sigma0^-1/2 is fixed by
        // float64 only to ~1e-6 along Sigma0's smallest eigenvectors: numpy's own float64 recomputation (LAPACK eigh)
        // differs from this golden by 1.9e-6 (numpy 1.24; 2.2e-6 with numpy 2.4), EJML's by 7.0e-6. Weighted by
        // Sigma0, where an image's deviations lie, they agree to 3.5e-10 (numpy: 1.1e-10), and A's defining
        // properties (symmetric, pushes Sigma0 onto Sigma1) hold far tighter.
        assertClose(golden, FULL_SIZE.a(), 1e-5, "A 0->1");
        DMatrixRMaj sqrt0 = SymmetricRoots.of(cov0).sqrt();
        DMatrixRMaj difference = new DMatrixRMaj(784, 784);
        CommonOps_DDRM.subtract(FULL_SIZE.a(), golden, difference);
        assertClose(new DMatrixRMaj(784, 784), sandwich(sqrt0, difference), 1e-9, "Sigma0^1/2 (A - golden) Sigma0^1/2");
        assertClose(vector("fm28_ot_b_c0_to_c1"), FULL_SIZE.b(), 1e-9, "b 0->1");
        assertClose(CommonOps_DDRM.transpose(FULL_SIZE.a(), null), FULL_SIZE.a(), 1e-12, "A symmetric");
        assertClose(matrix("fm28_cov_c1"), pushForward(FULL_SIZE.a(), cov0), 1e-11, "A Sigma0 A^T");
    }

    private static DMatrixRMaj pushForward(DMatrixRMaj a, DMatrixRMaj cov) {
        DMatrixRMaj left = new DMatrixRMaj(a.numRows, a.numRows);
        DMatrixRMaj pushed = new DMatrixRMaj(a.numRows, a.numRows);
        CommonOps_DDRM.mult(a, cov, left);
        CommonOps_DDRM.multTransB(left, a, pushed);
        return pushed;
    }

    private static DMatrixRMaj sandwich(DMatrixRMaj outer, DMatrixRMaj inner) {
        DMatrixRMaj left = new DMatrixRMaj(outer.numRows, outer.numRows);
        DMatrixRMaj product = new DMatrixRMaj(outer.numRows, outer.numRows);
        CommonOps_DDRM.mult(outer, inner, left);
        CommonOps_DDRM.mult(left, outer, product);
        return product;
    }

    @Test
    void aClassMappedOntoItselfIsUnchanged() {
        GaussianTransport self = GaussianTransport.between(
                vector("fm14_mean_c0"), matrix("fm14_cov_c0"), vector("fm14_mean_c0"), matrix("fm14_cov_c0"));
        double[] x = rows("fm14_got_inputs_c0")[0];
        assertClose(x, self.apply(x), 1e-8, "self edit");
    }

    @Test
    void gaussianEditsMatchTheGoldensUnclipped() {
        assertEditsMatch(FORWARD, "fm14", 1e-8);
    }

    @Test
    void fullSizeGaussianEditsMatchTheGoldensUnclipped() {
        // 1.2e-8 measured, not 1e-8: the edit A (x - mu0) inherits A's float64 spread (see the test of the map above).
        assertEditsMatch(FULL_SIZE, "fm28", 2e-8);
    }

    private static void assertEditsMatch(GaussianTransport map, String size, double tolerance) {
        double[][] inputs = rows(size + "_got_inputs_c0");
        double[][] expected = rows(size + "_got_outputs_c0_to_c1");
        double[][] edited = new double[inputs.length][];
        for (int r = 0; r < inputs.length; r++) {
            edited[r] = map.apply(inputs[r]);
        }
        assertClose(expected, edited, tolerance, "GOT edit");
        assertTrue(java.util.Arrays.stream(edited).flatMapToDouble(java.util.Arrays::stream).anyMatch(v -> v < 0 || v > 1),
                "edited values are not clipped to [0, 1]");
    }

    @Test
    void editsMadeWithoutFormingAEqualAxPlusB() {
        GaussianTransport map = GaussianTransport.between(
                vector("fm14_mean_c1"), matrix("fm14_cov_c1"), vector("fm14_mean_c0"), matrix("fm14_cov_c0"));
        double[][] inputs = rows("fm14_got_inputs_c0");
        double[][] edited = map.apply(inputs);
        double[] b = map.b();
        for (int r = 0; r < inputs.length; r++) {
            double[] formed = b.clone();
            for (int i = 0; i < formed.length; i++) {
                for (int j = 0; j < formed.length; j++) {
                    formed[i] += map.a().get(i, j) * inputs[r][j];
                }
            }
            assertClose(formed, edited[r], 1e-10, "row " + r);
            assertArrayEquals(edited[r], map.apply(inputs[r]), 0, "one row alone");
        }
    }

    @Test
    void quantileEditsMatchTheGoldenOutputsAndBins() {
        QuantileEdit edit = new QuantileEdit(new QuantileTable(rows("fm14_qlut_c0")), new QuantileTable(rows("fm14_qlut_c1")));
        double[][] inputs = rows("fm14_got_inputs_c0");
        double[][] outputs = rows("fm14_cqn_outputs_c0_to_c1");
        int[][] bins = intRows("fm14_cqn_indices_c0_to_c1");
        for (int r = 0; r < inputs.length; r++) {
            assertArrayEquals(bins[r], edit.bins(inputs[r]), "bins of row " + r);
            assertArrayEquals(outputs[r], edit.apply(inputs[r]), 0, "CQN row " + r);
        }
    }

    @Test
    void quantileTablesInterpolateAsNumpyDoes() {
        double[][] samples = {{0.0}, {1.0}, {3.0}};
        QuantileTable table = QuantileTable.fit(samples);
        // numpy.quantile([0, 1, 3], linspace(0, 1, 256)) at bins 0, 64, 128, 255
        assertEquals(0.0, table.value(0, 0), 0);
        assertEquals(128 / 255.0, table.value(0, 64), 1e-15);
        assertEquals(1 + 2 * (256 / 255.0 - 1), table.value(0, 128), 1e-15);
        assertEquals(3.0, table.value(0, 255), 0);
        assertEquals(0, table.binOf(0, -1));
        assertEquals(255, table.binOf(0, 3));
        assertEquals(255, table.binOf(0, 4));
    }

    @Test
    void boundedShiftMatchesTheGolden() {
        BoundedMeanShift.Result result = BoundedMeanShift.shift(rows("fm14_bshift_inputs_c0_val"), vector("fm14_bshift_target_mean_c1_val"));
        assertTrue(result.converged());
        assertEquals(1334, result.iterations(), 5); // stats.json bounded_shift_iterations
        assertClose(rows("fm14_bshift_outputs_c0_to_c1"), result.samples(), 1e-7, "bounded shift");
    }

    @Test
    void boundedShiftOfTheFullSizeValidationImagesMatchesTheGolden() throws IOException {
        LabeledImages validation = FashionMnist.validation();
        double[][] classZero = IntStream.range(0, validation.count()).filter(i -> validation.labels()[i] == 0)
                .mapToObj(i -> Pixels.row(validation.images(), i, 1, false)).toArray(double[][]::new);
        BoundedMeanShift.Result result = BoundedMeanShift.shift(classZero, vector("fm28_bshift_target_mean_c1_val"));
        assertTrue(result.converged());
        assertEquals(1383, result.iterations(), 5); // stats.json fm28 bounded_shift_iterations
        assertClose(rows("fm28_bshift_outputs_c0_to_c1"), result.samples(), 1e-7, "bounded shift");
    }
}
