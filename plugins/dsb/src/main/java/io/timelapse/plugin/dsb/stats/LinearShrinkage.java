package io.timelapse.plugin.dsb.stats;

import org.ejml.data.DMatrixRMaj;

/**
 * Concept-erasure's {@code optimal_linear_shrinkage} of a maximum-likelihood covariance {@code S_n} of {@code n}
 * samples towards {@code (tr S_n / p) I}: {@code Sigma = alpha S_n + (1 - alpha) (tr S_n / p) I}.
 */
public record LinearShrinkage(DMatrixRMaj covarianceMle, double alpha) {

    private static final double EPS = Math.ulp(1.0);

    /** Computes the shrinkage coefficient {@code alpha} for {@code sn} estimated from {@code n} samples. */
    public static LinearShrinkage of(DMatrixRMaj sn, int n) {
        double frobenius2 = 0;
        for (double v : sn.data) {
            frobenius2 += v * v;
        }
        return new LinearShrinkage(sn, alpha(trace(sn), frobenius2, sn.numRows, n));
    }

    /**
     * {@code alpha} for a {@code p × p} covariance of {@code n} samples from its trace and squared Frobenius norm
     * alone (which is all it depends on, so structured covariances need not be formed).
     */
    public static double alpha(double trace, double frobenius2, int p, int n) {
        double s0 = trace * trace / p;
        double top = trace * trace * s0 / n;
        double bottom = frobenius2 * s0 - s0 * s0;
        return 1 - (top + EPS) / (bottom + EPS);
    }

    public double beta() {
        return 1 - alpha;
    }

    /** The shrunk covariance {@code Sigma}. */
    public DMatrixRMaj apply() {
        int p = covarianceMle.numRows;
        double diagonal = beta() * trace(covarianceMle) / p;
        DMatrixRMaj sigma = covarianceMle.copy();
        for (int i = 0; i < sigma.data.length; i++) {
            sigma.data[i] *= alpha;
        }
        for (int i = 0; i < p; i++) {
            sigma.add(i, i, diagonal);
        }
        return sigma;
    }

    private static double trace(DMatrixRMaj m) {
        double t = 0;
        for (int i = 0; i < m.numRows; i++) {
            t += m.get(i, i);
        }
        return t;
    }
}
