package io.timelapse.plugin.dsb.stats;

import org.ejml.data.DMatrixRMaj;

/**
 * The first two moments of one class: its mean and symmetrised scatter {@code sum (x-mu)(x-mu)^T} over
 * {@code n} samples, in float64.
 */
public record ClassStatistics(double[] mean, DMatrixRMaj scatter, int n) {

    /** Fits the statistics of the rows of {@code samples} (n × d, row-major, one sample a row). */
    public static ClassStatistics fit(double[][] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("the class has no samples");
        }
        int d = samples[0].length;
        double[] mean = new double[d];
        for (double[] x : samples) {
            for (int i = 0; i < d; i++) {
                mean[i] += x[i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= samples.length;
        }
        DMatrixRMaj scatter = new DMatrixRMaj(d, d);
        double[] s = scatter.data;
        double[] c = new double[d];
        for (double[] x : samples) {
            for (int i = 0; i < d; i++) {
                c[i] = x[i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                double ci = c[i];
                int row = i * d;
                for (int j = i; j < d; j++) {
                    s[row + j] += ci * c[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                s[i * d + j] = s[j * d + i];
            }
        }
        return new ClassStatistics(mean, scatter, samples.length);
    }

    /** The maximum-likelihood covariance {@code S_n = scatter / n}. */
    public DMatrixRMaj covarianceMle() {
        DMatrixRMaj cov = scatter.copy();
        for (int i = 0; i < cov.data.length; i++) {
            cov.data[i] /= n;
        }
        return cov;
    }

    /** The covariance with concept-erasure's optimal linear shrinkage, as the paper uses it. */
    public DMatrixRMaj shrunkCovariance() {
        return LinearShrinkage.of(covarianceMle(), n).apply();
    }
}
