package io.timelapse.plugin.dsb.probe;

import java.util.Random;

/**
 * A made-up class of correlated, skewed samples in [0, 1]^d: every coordinate mixes three shared latent
 * uniforms, squared, plain and cubed, with one of its own, so the class has full-rank covariance and clearly
 * non-zero co-skewness.
 */
final class SkewedClass {

    private SkewedClass() {}

    static double[][] samples(int n, int d, long seed) {
        Random random = new Random(seed);
        double[][] weights = new double[d][4];
        for (double[] w : weights) {
            for (int j = 0; j < 4; j++) {
                w[j] = 0.2 + random.nextDouble();
            }
        }
        double[][] x = new double[n][d];
        for (double[] row : x) {
            double u1 = random.nextDouble();
            double u2 = random.nextDouble();
            double u3 = random.nextDouble();
            for (int i = 0; i < d; i++) {
                double[] w = weights[i];
                double own = random.nextDouble();
                row[i] = (w[0] * u1 * u1 + w[1] * u2 + w[2] * u3 * u3 * u3 + w[3] * own * own) / (w[0] + w[1] + w[2] + w[3]);
            }
        }
        return x;
    }
}
