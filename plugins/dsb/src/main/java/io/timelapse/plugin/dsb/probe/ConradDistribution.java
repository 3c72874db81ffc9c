package io.timelapse.plugin.dsb.probe;

/**
 * The first-order maximum-entropy distribution on [0, 1] with a given mean (the paper's "Conrad" sampler): density
 * {@code exp(-b x - a)}, with {@code b} solving {@code 1/b - 1/expm1(b) = m} ({@code b = 0} for {@code m = 1/2}) and
 * {@code a} its log-normaliser. Means are clipped to {@code [3e-3, 1 - 3e-3]} first, as in the paper.
 */
public record ConradDistribution(double b, double a) {

    static final double MEAN_CLIP = 3e-3;
    private static final double BRACKET = 1e3;
    private static final double SERIES_LIMIT = 1e-2;

    /** The distribution with mean {@code mu} (after clipping). */
    public static ConradDistribution withMean(double mu) {
        if (Double.isNaN(mu)) {
            throw new IllegalArgumentException("the mean is NaN");
        }
        double m = Math.min(Math.max(mu, MEAN_CLIP), 1 - MEAN_CLIP);
        double b = m == 0.5 ? 0 : BrentRoot.solve(x -> mean(x) - m, -BRACKET, BRACKET, 1e-15);
        return new ConradDistribution(b, logNormaliser(b));
    }

    /** The mean {@code 1/b - 1/expm1(b)} of the density {@code ∝ exp(-b x)} on [0, 1]. */
    static double mean(double b) {
        if (Math.abs(b) < SERIES_LIMIT) {
            double b2 = b * b;
            return 0.5 - b / 12 * (1 - b2 / 60 * (1 - b2 / 42));
        }
        return 1 / b - 1 / Math.expm1(b);
    }

    /** {@code a = -b + log(expm1(b)/b)}, written so that it neither overflows nor cancels. */
    static double logNormaliser(double b) {
        if (b == 0) {
            return 0;
        }
        return b > 0 ? Math.log(-Math.expm1(-b) / b) : -b + Math.log(Math.expm1(b) / b);
    }

    /** The sample for a uniform {@code u} in [0, 1): the inverse of the distribution function. */
    public double sample(double u) {
        if (b == 0) {
            return u;
        }
        return Math.log(-1 / (b * u * Math.exp(a) - 1)) / b;
    }
}
