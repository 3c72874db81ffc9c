package io.timelapse.plugin.dsb.stats;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The symmetric eigendecomposition {@code M = V diag(lambda) V^T} of a positive semi-definite matrix, and the
 * square roots it gives: {@code M^{1/2}} (eigenvalues clamped at 0) and the pseudo-inverse {@code M^{+1/2}}, which
 * zeroes eigenvalues {@code <= lambda_max * d * eps} as concept-erasure does.
 */
public final class SymmetricRoots {

    private static final double EPS = Math.ulp(1.0);

    private final DMatrixRMaj matrix;
    private final DMatrixRMaj vectors;
    private final double[] values;

    private SymmetricRoots(DMatrixRMaj matrix, DMatrixRMaj vectors, double[] values) {
        this.matrix = matrix;
        this.vectors = vectors;
        this.values = values;
    }

    /** Decomposes {@code m}, which is symmetrised first so that rounding asymmetry does not matter. */
    public static SymmetricRoots of(DMatrixRMaj m) {
        int d = m.numRows;
        DMatrixRMaj symmetric = new DMatrixRMaj(d, d);
        CommonOps_DDRM.transpose(m, symmetric);
        CommonOps_DDRM.addEquals(symmetric, m);
        CommonOps_DDRM.scale(0.5, symmetric);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(symmetric.copy())) {
            throw new ArithmeticException("the symmetric eigendecomposition of a " + d + "x" + d + " matrix did not converge");
        }
        DMatrixRMaj vectors = new DMatrixRMaj(d, d);
        double[] values = new double[d];
        for (int k = 0; k < d; k++) {
            values[k] = eig.getEigenvalue(k).getReal();
            DMatrixRMaj v = eig.getEigenVector(k);
            for (int i = 0; i < d; i++) {
                vectors.set(i, k, v.get(i));
            }
        }
        return new SymmetricRoots(symmetric, vectors, values);
    }

    /** The eigenvalues in ascending order. */
    public double[] eigenvalues() {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * {@code M^{1/2}}, with negative eigenvalues treated as 0, refined by one Newton step (see {@link #sqrtOperator}).
     */
    public DMatrixRMaj sqrt() {
        return sqrtOperator().matrix();
    }

    /**
     * {@code M^{1/2} = V K V^T} kept in the eigenbasis V, for applying it to a few vectors without forming it. K is
     * {@code diag(sqrt(lambda))} plus one Newton step {@code X E + E X = M - X^2} solved in the eigenbasis,
     * {@code E_ij = (V^T M V - diag(s^2))_ij / (s_i + s_j)}, {@code s = sqrt(max(lambda, 0))}: it removes most of the
     * eigensolver's rounding, which the pseudo-inverse roots of the Gaussian transport map would otherwise amplify.
     */
    public SqrtOperator sqrtOperator() {
        int d = values.length;
        double[] s = new double[d];
        for (int k = 0; k < d; k++) {
            s[k] = Math.sqrt(Math.max(values[k], 0));
        }
        DMatrixRMaj left = new DMatrixRMaj(d, d);
        DMatrixRMaj residual = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(vectors, matrix, left);
        CommonOps_DDRM.mult(left, vectors, residual);
        DMatrixRMaj core = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double denominator = s[i] + s[j];
                double r = (residual.get(i, j) + residual.get(j, i)) / 2 - (i == j ? s[i] * s[i] : 0);
                double e = denominator > 0 ? r / denominator : 0;
                core.set(i, j, e + (i == j ? s[i] : 0));
                core.set(j, i, e + (i == j ? s[i] : 0));
            }
        }
        return new SqrtOperator(vectors, core);
    }

    /**
     * A symmetric square root {@code V K V^T}, V orthonormal and K symmetric.
     *
     * @param vectors V, the eigenvectors as columns
     * @param core K
     */
    public record SqrtOperator(DMatrixRMaj vectors, DMatrixRMaj core) {

        /** The root as a matrix. */
        public DMatrixRMaj matrix() {
            int d = vectors.numRows;
            DMatrixRMaj left = new DMatrixRMaj(d, d);
            DMatrixRMaj result = new DMatrixRMaj(d, d);
            CommonOps_DDRM.mult(vectors, core, left);
            CommonOps_DDRM.multTransB(left, vectors, result);
            return result;
        }

        /** The root applied to every row of {@code rows} ({@code n × d}): {@code rows V K V^T}. */
        public DMatrixRMaj timesRows(DMatrixRMaj rows) {
            DMatrixRMaj inBasis = new DMatrixRMaj(rows.numRows, vectors.numCols);
            DMatrixRMaj scaled = new DMatrixRMaj(rows.numRows, vectors.numCols);
            DMatrixRMaj result = new DMatrixRMaj(rows.numRows, vectors.numRows);
            CommonOps_DDRM.mult(rows, vectors, inBasis);
            CommonOps_DDRM.mult(inBasis, core, scaled);
            CommonOps_DDRM.multTransB(scaled, vectors, result);
            return result;
        }
    }

    /** The pseudo-inverse square root {@code M^{+1/2}}. */
    public DMatrixRMaj rsqrt() {
        double threshold = Arrays.stream(values).max().orElse(0) * values.length * EPS;
        return apply(lambda -> lambda > threshold ? 1 / Math.sqrt(lambda) : 0);
    }

    private DMatrixRMaj apply(DoubleUnaryOperator f) {
        int d = values.length;
        DMatrixRMaj scaled = vectors.copy();
        for (int k = 0; k < d; k++) {
            double s = f.applyAsDouble(values[k]);
            for (int i = 0; i < d; i++) {
                scaled.set(i, k, scaled.get(i, k) * s);
            }
        }
        DMatrixRMaj result = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(scaled, vectors, result);
        return result;
    }
}
