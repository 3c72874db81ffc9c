package io.timelapse.plugin.openfold.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.lib.nn.Linear;

/**
 * The initialisation schemes of OpenFold's {@code Linear} ({@code init=} in {@code primitives.py}, after AF2
 * Suppl. 1.11.4), so that a model trained from scratch starts where OpenFold's does: residual updates whose
 * output layer starts at zero ({@link #FINAL}) leave each block an identity at step 0, and gates start open
 * ({@link #GATING}). Biases start at zero, gates' at one.
 */
public enum OpenFoldInit {
    /** LeCun normal: truncated normal, variance 1/fan_in. */
    DEFAULT,
    /** He normal: truncated normal, variance 2/fan_in. */
    RELU,
    /** Glorot (Xavier) uniform. */
    GLOROT,
    /** Weights 0, bias 1: a gate that starts half open (sigmoid(1)) and independent of its input. */
    GATING,
    /** Normal (not truncated), variance 1/fan_in. */
    NORMAL,
    /** Weights and bias 0. */
    FINAL;

    /** The standard deviation of a standard normal truncated at ±2, by which OpenFold divides its scale. */
    private static final double TRUNCATED_NORMAL_STDDEV_FACTOR = 0.87962566103423978;

    /** A {@link Linear} of PyTorch's layout ([out, in] weight) initialised this way. */
    public Linear linear(Ops ops, long inFeatures, long outFeatures, boolean bias, DType dtype) {
        return new Linear(ops, inFeatures, outFeatures, bias, dtype, weights(inFeatures, outFeatures),
                Initializer.constant(this == GATING ? 1 : 0));
    }

    private Initializer weights(long fanIn, long fanOut) {
        return switch (this) {
            case DEFAULT -> truncatedNormal(1, fanIn);
            case RELU -> truncatedNormal(2, fanIn);
            case GLOROT -> Initializer.xavierUniform(fanIn, fanOut);
            case NORMAL -> Initializer.normal(0, Math.sqrt(1.0 / fanIn));
            case GATING, FINAL -> Initializer.zeros();
        };
    }

    private static Initializer truncatedNormal(double scale, long fanIn) {
        return Initializer.truncatedNormal(0, Math.sqrt(scale / Math.max(1, fanIn)) / TRUNCATED_NORMAL_STDDEV_FACTOR);
    }
}
