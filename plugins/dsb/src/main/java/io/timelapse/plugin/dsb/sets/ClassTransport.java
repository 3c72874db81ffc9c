package io.timelapse.plugin.dsb.sets;

import io.timelapse.plugin.dsb.edit.GaussianTransport;
import io.timelapse.plugin.dsb.stats.SymmetricRoots;
import org.ejml.data.DMatrixRMaj;

/**
 * The Gaussian optimal-transport map {@code x' = A x + b} from one class's Gaussian to another's, for images of
 * {@code copies} replicas (see {@link ClassGaussian}): {@code A = P⊗A_M + Q⊗√(c_t/c_s) I}, where {@code A_M} is the map
 * between the blocks M. Edits are not clipped.
 *
 * @param base the map between the blocks: {@code A_M} and {@code b = mu_t - A_M mu_s} (d values)
 * @param isotropic the map off the replicated images, {@code √(c_t / c_s)} (unused for {@code copies = 1})
 */
public record ClassTransport(GaussianTransport base, double isotropic, int copies) {

    /** A class's {@code Sigma^{1/2}} and pseudo-inverse {@code Sigma^{+1/2}} (of its block M), shared by its maps. */
    public record Roots(DMatrixRMaj sqrt, DMatrixRMaj rsqrt) {

        public static Roots of(ClassGaussian gaussian) {
            SymmetricRoots roots = SymmetricRoots.of(gaussian.block());
            return new Roots(roots.sqrt(), roots.rsqrt());
        }
    }

    public static ClassTransport between(ClassGaussian source, Roots sourceRoots, ClassGaussian target) {
        GaussianTransport base = GaussianTransport.between(source.mean(), sourceRoots.sqrt(), sourceRoots.rsqrt(),
                target.mean(), target.block());
        // The pseudo-inverse roots of M zero eigenvalues below lambda_max * d * eps, where the full matrix would use
        // 3d: the two differ only for eigenvalues within a factor 3 of that threshold, which shrinkage rules out.
        double isotropic = source.isotropic() > 0 ? Math.sqrt(target.isotropic() / source.isotropic()) : 0;
        return new ClassTransport(base, isotropic, source.copies());
    }

    /** Edits one image of {@code copies × d} values. */
    public double[] apply(double[] x) {
        return apply(new double[][] {x})[0];
    }

    /** Edits every image, each of {@code copies × d} values, without forming A. */
    public double[][] apply(double[][] images) {
        if (copies == 1) {
            return base.apply(images);
        }
        double[][] averages = new double[images.length][];
        for (int i = 0; i < images.length; i++) {
            averages[i] = Replicas.average(images[i], copies);
        }
        double[][] mapped = base.apply(averages);
        double[][] edited = new double[images.length][];
        for (int i = 0; i < images.length; i++) {
            edited[i] = Replicas.replicate(mapped[i], copies);
            int d = averages[i].length;
            for (int k = 0; k < edited[i].length; k++) {
                edited[i][k] += isotropic * (images[i][k] - averages[i][k % d]);
            }
        }
        return edited;
    }

    /** A as a {@code copies·d} square matrix: blocks {@code A_M / r + (δ_ij - 1/r) √(c_t/c_s) I}. */
    public DMatrixRMaj matrix() {
        DMatrixRMaj a = base.a();
        if (copies == 1) {
            return a.copy();
        }
        int d = a.numRows;
        int full = copies * d;
        DMatrixRMaj matrix = new DMatrixRMaj(full, full);
        for (int bi = 0; bi < copies; bi++) {
            for (int bj = 0; bj < copies; bj++) {
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        double q = i == j ? ((bi == bj ? 1.0 : 0.0) - 1.0 / copies) * isotropic : 0;
                        matrix.set(bi * d + i, bj * d + j, a.get(i, j) / copies + q);
                    }
                }
            }
        }
        return matrix;
    }

    /** b for a whole image: the replicated base offset (the replicated part of A carries the means). */
    public double[] offset() {
        return Replicas.replicate(base.b(), copies);
    }
}
