package io.timelapse.plugin.dsb.edit;

import io.timelapse.plugin.dsb.stats.SymmetricRoots;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The optimal-transport (Monge / Bures) map between two Gaussians N(mu_s, Sigma_s) → N(mu_t, Sigma_t):
 * {@code x' = A x + b} with {@code A = Ss^{-1/2} (Ss^{1/2} St Ss^{1/2})^{1/2} Ss^{-1/2}} and {@code b = mu_t - A mu_s}.
 * The inner root is kept in its eigenbasis, so editing a few images costs products with their rows only; A itself is
 * formed on first use. Edited values are not clipped, as in the paper. Safe for use from several threads.
 */
public final class GaussianTransport {

    private final double[] sourceMean;
    private final DMatrixRMaj sourceRsqrt;
    private final SymmetricRoots.SqrtOperator inner;
    private final double[] targetMean;
    private DMatrixRMaj a;

    private GaussianTransport(double[] sourceMean, DMatrixRMaj sourceRsqrt, SymmetricRoots.SqrtOperator inner,
            double[] targetMean) {
        this.sourceMean = sourceMean;
        this.sourceRsqrt = sourceRsqrt;
        this.inner = inner;
        this.targetMean = targetMean;
    }

    /** Computes the map from the source moments to the target moments. */
    public static GaussianTransport between(double[] sourceMean, DMatrixRMaj sourceCov, double[] targetMean, DMatrixRMaj targetCov) {
        SymmetricRoots source = SymmetricRoots.of(sourceCov);
        return between(sourceMean, source.sqrt(), source.rsqrt(), targetMean, targetCov);
    }

    /** The same from the source's roots {@code Ss^{1/2}} and {@code Ss^{-1/2}}, which maps from one source can share. */
    public static GaussianTransport between(double[] sourceMean, DMatrixRMaj sourceSqrt, DMatrixRMaj sourceRsqrt, double[] targetMean, DMatrixRMaj targetCov) {
        return new GaussianTransport(sourceMean, sourceRsqrt, innerRoots(sourceSqrt, targetCov).sqrtOperator(), targetMean);
    }

    /** {@code (Ss^{1/2} St Ss^{1/2})^{1/2}} for a given {@code Ss^{1/2}}. */
    public static DMatrixRMaj innerSqrt(DMatrixRMaj sourceSqrt, DMatrixRMaj targetCov) {
        return innerRoots(sourceSqrt, targetCov).sqrt();
    }

    private static SymmetricRoots innerRoots(DMatrixRMaj sourceSqrt, DMatrixRMaj targetCov) {
        return SymmetricRoots.of(sandwich(sourceSqrt, targetCov));
    }

    /** A, formed when first asked for. */
    public synchronized DMatrixRMaj a() {
        if (a == null) {
            a = sandwich(sourceRsqrt, inner.matrix());
        }
        return a;
    }

    /** {@code b = mu_t - A mu_s}. */
    public double[] b() {
        DMatrixRMaj matrix = a();
        int d = targetMean.length;
        double[] b = targetMean.clone();
        for (int i = 0; i < d; i++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += matrix.get(i, j) * sourceMean[j];
            }
            b[i] -= sum;
        }
        return b;
    }

    /** Edits one sample: {@code A x + b}. */
    public double[] apply(double[] x) {
        return apply(new double[][] {x})[0];
    }

    /** Edits every sample, as {@code mu_t + A (x - mu_s)} without forming A. */
    public double[][] apply(double[][] samples) {
        int d = sourceMean.length;
        DMatrixRMaj centred = new DMatrixRMaj(samples.length, d);
        for (int r = 0; r < samples.length; r++) {
            for (int p = 0; p < d; p++) {
                centred.set(r, p, samples[r][p] - sourceMean[p]);
            }
        }
        // Rows times the symmetric A: rows Ss^{-1/2} (inner root) Ss^{-1/2}.
        DMatrixRMaj whitened = new DMatrixRMaj(samples.length, d);
        DMatrixRMaj edited = new DMatrixRMaj(samples.length, d);
        CommonOps_DDRM.mult(centred, sourceRsqrt, whitened);
        CommonOps_DDRM.mult(inner.timesRows(whitened), sourceRsqrt, edited);
        double[][] rows = new double[samples.length][d];
        for (int r = 0; r < samples.length; r++) {
            for (int p = 0; p < d; p++) {
                rows[r][p] = edited.get(r, p) + targetMean[p];
            }
        }
        return rows;
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
