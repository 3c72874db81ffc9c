package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;

/**
 * PyTorch's {@code nn.LayerNorm}: normalises the trailing {@code normalizedShape} axes with the
 * biased variance and ε inside the square root, then scales by {@code weight} (ones) and shifts by
 * {@code bias} (zeros).
 */
public final class LayerNorm extends Module {

    /** PyTorch's default ε. */
    public static final double DEFAULT_EPS = 1e-5;

    private final double eps;
    private final int[] axes;
    private final Variable weight;
    private final Variable bias;

    public LayerNorm(Ops ops, long normalizedSize, DType dtype) {
        this(ops, Shape.of(normalizedSize), DEFAULT_EPS, true, dtype);
    }

    public LayerNorm(Ops ops, long normalizedSize, double eps, DType dtype) {
        this(ops, Shape.of(normalizedSize), eps, true, dtype);
    }

    public LayerNorm(Ops ops, Shape normalizedShape, double eps, boolean elementwiseAffine, DType dtype) {
        super(ops);
        if (normalizedShape.rank() == 0) {
            throw new IllegalArgumentException(ops.scopeName() + ": normalize at least one axis");
        }
        this.eps = eps;
        this.axes = new int[normalizedShape.rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i - axes.length;
        }
        this.weight = elementwiseAffine ? parameter("weight", dtype, normalizedShape, Initializer.ones()) : null;
        this.bias = elementwiseAffine ? parameter("bias", dtype, normalizedShape, Initializer.zeros()) : null;
    }

    public double eps() {
        return eps;
    }

    /** The gain, or null without elementwise affine parameters. */
    public Variable weight() {
        return weight;
    }

    public Variable bias() {
        return bias;
    }

    public Tensor apply(Tensor x) {
        return ops().layerNorm(x, weight, bias, eps, axes);
    }
}
