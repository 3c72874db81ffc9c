package io.timelapse.plugin.dsb.edit;

import io.timelapse.plugin.dsb.stats.SymmetricRoots;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The optimal-transport (Monge / Bures) map between two Gaussians N(mu_s, Sigma_s) → N(mu_t, Sigma_t):
 * {@code x' = A x + b} with {@code A = Ss^{-1/2} (Ss^{1/2} St Ss^{1/2})^{1/2} Ss^{-1/2}} and {@code b = mu_t - A mu_s}.
 * Edited values are not clipped, as in the paper.
 */
public record GaussianTransport(DMatrixRMaj a, double[] b) {

    /** Computes the map from the source moments to the target moments. */
    public static GaussianTransport between(double[] sourceMean, DMatrixRMaj sourceCov, double[] targetMean, DMatrixRMaj targetCov) {
        SymmetricRoots source = SymmetricRoots.of(sourceCov);
        return between(sourceMean, source.sqrt(), source.rsqrt(), targetMean, targetCov);
    }

    /** The same from the source's roots {@code Ss^{1/2}} and {@code Ss^{-1/2}}, which maps from one source can share. */
    public static GaussianTransport between(double[] sourceMean, DMatrixRMaj sourceSqrt, DMatrixRMaj sourceRsqrt, double[] targetMean, DMatrixRMaj targetCov) {
        DMatrixRMaj a = sandwich(sourceRsqrt, innerSqrt(sourceSqrt, targetCov));
        double[] b = targetMean.clone();
        int d = b.length;
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += a.get(i, j) * sourceMean[j];
            }
            b[i] -= sum;
        }
        return new GaussianTransport(a, b);
    }

    /** {@code (Ss^{1/2} St Ss^{1/2})^{1/2}} for a given {@code Ss^{1/2}}. */
    public static DMatrixRMaj innerSqrt(DMatrixRMaj sourceSqrt, DMatrixRMaj targetCov) {
        return SymmetricRoots.of(sandwich(sourceSqrt, targetCov)).sqrt();
    }

    /** Edits one sample: {@code A x + b}. */
    public double[] apply(double[] x) {
        int d = b.length;
        double[] y = b.clone();
        for (int i = 0; i < d; i++) {
            double sum = 0;
            int row = i * d;
            for (int j = 0; j < d; j++) {
                sum += a.data[row + j] * x[j];
            }
            y[i] += sum;
        }
        return y;
    }

    private static DMatrixRMaj sandwich(DMatrixRMaj outer, DMatrixRMaj inner) {
        int d = outer.numRows;
        DMatrixRMaj left = new DMatrixRMaj(d, d);
        DMatrixRMaj result = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(outer, inner, left);
        CommonOps_DDRM.mult(left, outer, result);
        return result;
    }
}
