package io.timelapse.plugin.dsb.sets;

import io.timelapse.plugin.dsb.probe.GaussianSampler;
import io.timelapse.plugin.dsb.stats.ClassStatistics;
import io.timelapse.plugin.dsb.stats.LinearShrinkage;
import org.ejml.data.DMatrixRMaj;

/**
 * The Gaussian N(mu, Sigma) of one class, with the paper's optimal linear shrinkage (or without), for images made of
 * {@code copies} identical copies of a base image ({@code copies = 3} for the paper's RGB replication of grayscale
 * data, 1 otherwise).
 *
 * <p>The scatter of replicated images is {@code J ⊗ S} ({@code J} the {@code copies × copies} matrix of ones, {@code S}
 * the base MLE covariance), whose trace and Frobenius norm are {@code r tr S} and {@code r² ‖S‖²}; its shrinkage is
 * {@code Sigma = alpha J⊗S + c I}, {@code c = beta tr S / d}. With the projector {@code P = J / r} onto replicated
 * images and {@code Q = I - P}, {@code Sigma = P⊗M + Q⊗cI} where {@code M = r alpha S + c I}. Products and functions of
 * such matrices act on {@code M} and {@code c} separately ({@code f(Sigma) = P⊗f(M) + Q⊗f(c)I}), so the
 * {@code d × d} block {@code M} and the scalar {@code c} stand for the {@code rd × rd} covariance exactly and nothing of
 * size {@code rd} is ever decomposed.
 *
 * @param mean the base image's mean (d values); every copy has this mean
 * @param block {@code M}; for {@code copies = 1} it is Sigma itself
 * @param isotropic {@code c}, the eigenvalue of Sigma off the replicated images (unused for {@code copies = 1})
 * @param n the number of samples the statistics come from
 * @param alpha the shrinkage coefficient (1 without shrinkage)
 */
public record ClassGaussian(double[] mean, DMatrixRMaj block, double isotropic, int copies, int n, double alpha) {

    /** The Gaussian of a class from the statistics of its base images. */
    public static ClassGaussian fit(ClassStatistics base, int copies, boolean shrinkage) {
        DMatrixRMaj s = base.covarianceMle();
        int d = s.numRows;
        double trace = 0;
        for (int i = 0; i < d; i++) {
            trace += s.get(i, i);
        }
        double frobenius2 = 0;
        for (double v : s.data) {
            frobenius2 += v * v;
        }
        double alpha = shrinkage
                ? LinearShrinkage.alpha(copies * trace, (double) copies * copies * frobenius2, copies * d, base.n())
                : 1;
        double c = (1 - alpha) * trace / d;
        DMatrixRMaj m = s;
        double scale = copies * alpha;
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] *= scale;
        }
        for (int i = 0; i < d; i++) {
            m.add(i, i, c);
        }
        return new ClassGaussian(base.mean(), m, c, copies, base.n(), alpha);
    }

    public double beta() {
        return 1 - alpha;
    }

    /** Values per image, {@code copies × d}. */
    public int dimension() {
        return copies * mean.length;
    }

    /** The mean of a whole image. */
    public double[] fullMean() {
        return Replicas.replicate(mean, copies);
    }

    /** Sigma as a {@code copies·d} square matrix: blocks {@code alpha S + δ_ij c I}. */
    public DMatrixRMaj covariance() {
        if (copies == 1) {
            return block.copy();
        }
        int d = mean.length;
        int full = dimension();
        DMatrixRMaj sigma = new DMatrixRMaj(full, full);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double shared = (block.get(i, j) - (i == j ? isotropic : 0)) / copies;
                for (int bi = 0; bi < copies; bi++) {
                    for (int bj = 0; bj < copies; bj++) {
                        sigma.set(bi * d + i, bj * d + j, shared + (i == j && bi == bj ? isotropic : 0));
                    }
                }
            }
        }
        return sigma;
    }

    /** Whether Sigma is positive definite, as the Gaussian sampler and the transport maps need. */
    public boolean positiveDefinite() {
        if (copies > 1 && !(isotropic > 0)) {
            return false;
        }
        return GaussianSampler.lowerCholesky(block) != null;
    }

    /** Samples of N(mu, Sigma): {@code mu + L z} with L the lower Cholesky factor of Sigma (of M for replicas). */
    public Sampler sampler() {
        return new Sampler(new GaussianSampler(mean, block), Math.sqrt(isotropic), copies);
    }

    /**
     * Draws from one class's Gaussian. For {@code copies = 1} a sample is {@code mu + L z}, L = cholesky(Sigma), as
     * torch's {@code MultivariateNormal} draws it. For replicas it is {@code (P⊗L + Q⊗√c I) z + mu}, a square root of
     * Sigma of the same distribution: the replicated part {@code mu + L z̄} (z̄ the mean of z over the copies) plus
     * {@code √c (z - z̄)} off the replicated images.
     */
    public record Sampler(GaussianSampler base, double isotropicRoot, int copies) {

        /** The sample for one standard-normal vector {@code z} of {@code copies × d} values. */
        public double[] sample(double[] z) {
            if (copies == 1) {
                return base.sample(z);
            }
            double[] average = Replicas.average(z, copies);
            double[] replicated = Replicas.replicate(base.sample(average), copies);
            int d = average.length;
            for (int k = 0; k < replicated.length; k++) {
                replicated[k] += isotropicRoot * (z[k] - average[k % d]);
            }
            return replicated;
        }
    }
}
