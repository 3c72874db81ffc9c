package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;

/**
 * PyTorch's {@code nn.Linear}: y = x·Wᵀ + b with {@code weight [out, in]} and {@code bias [out]},
 * both initialised U(−1/√in, 1/√in) as PyTorch does unless other initializers are given. Applies to the last
 * axis of inputs of any rank.
 */
public final class Linear extends Module {

    private final long inFeatures;
    private final long outFeatures;
    private final Variable weight;
    private final Variable bias;

    public Linear(Ops ops, long inFeatures, long outFeatures, boolean bias, DType dtype) {
        this(ops, inFeatures, outFeatures, bias, dtype, Initializer.fanInUniform(inFeatures), Initializer.fanInUniform(inFeatures));
    }

    /**
     * A layer whose weight and bias start from the given initializers instead of PyTorch's.
     *
     * @since 1.1
     */
    public Linear(Ops ops, long inFeatures, long outFeatures, boolean bias, DType dtype, Initializer weightInit, Initializer biasInit) {
        super(ops);
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = parameter("weight", dtype, Shape.of(outFeatures, inFeatures), weightInit);
        this.bias = bias ? parameter("bias", dtype, Shape.of(outFeatures), biasInit) : null;
    }

    public Variable weight() {
        return weight;
    }

    /** The bias, or null for a layer without one. */
    public Variable bias() {
        return bias;
    }

    public long inFeatures() {
        return inFeatures;
    }

    public long outFeatures() {
        return outFeatures;
    }

    public Tensor apply(Tensor x) {
        Ops ops = ops();
        Shape shape = x.shape();
        if (shape.hasUnknownRank()) {
            throw new IllegalArgumentException(name() + ": the input needs a known rank");
        }
        if (shape.dim(-1) != Shape.UNKNOWN_DIM && shape.dim(-1) != inFeatures) {
            throw new IllegalArgumentException(name() + ": expected " + inFeatures + " input features, the input is " + shape);
        }
        Tensor y;
        if (shape.rank() == 2) {
            y = ops.matmul(x, weight, false, true);
        } else {
            // Leading axes fold into one row axis so one plain matrix product serves every rank.
            long[] outShape = Shapes.withLast(shape, outFeatures, name());
            y = ops.reshape(ops.matmul(ops.reshape(x, -1, inFeatures), weight, false, true), outShape);
        }
        return bias == null ? y : ops.add(y, bias);
    }
}
