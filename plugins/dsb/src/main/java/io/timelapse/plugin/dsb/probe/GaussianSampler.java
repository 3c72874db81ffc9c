package io.timelapse.plugin.dsb.probe;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/** Samples of N(mu, Sigma) as {@code x = mu + L z} with the lower Cholesky factor L of Sigma. Not clipped. */
public final class GaussianSampler {

    private final double[] mean;
    private final DMatrixRMaj lower;

    public GaussianSampler(double[] mean, DMatrixRMaj covariance) {
        int d = covariance.numRows;
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(d, true);
        if (!chol.decompose(covariance.copy())) {
            throw new ArithmeticException("the " + d + "x" + d + " covariance is not positive definite (Cholesky failed)");
        }
        this.mean = mean.clone();
        this.lower = chol.getT(null);
    }

    /** The lower Cholesky factor L. */
    public DMatrixRMaj lower() {
        return lower;
    }

    /** {@code mu + L z} for one standard-normal draw {@code z}. */
    public double[] sample(double[] z) {
        int d = mean.length;
        double[] x = mean.clone();
        for (int i = 0; i < d; i++) {
            double sum = 0;
            int row = i * d;
            for (int j = 0; j <= i; j++) {
                sum += lower.data[row + j] * z[j];
            }
            x[i] += sum;
        }
        return x;
    }
}
