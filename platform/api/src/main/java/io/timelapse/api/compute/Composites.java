package io.timelapse.api.compute;

import java.util.List;

/**
 * The operations of {@link Ops} that are built from its primitives, written once for every backend.
 * Each has a gradient through its parts, so a backend that implements the primitives gets them too.
 */
final class Composites {

    private static final double INV_SQRT2 = 0.7071067811865476;

    private Composites() {}

    static Tensor gelu(Ops ops, Tensor x) {
        Tensor half = ops.scalar(0.5, x.dtype());
        Tensor one = ops.scalar(1, x.dtype());
        Tensor cdf = ops.mul(half, ops.add(one, ops.erf(ops.mul(x, ops.scalar(INV_SQRT2, x.dtype())))));
        return ops.mul(x, cdf);
    }

    static Operation applyAdam(Ops ops, Variable parameter, Variable m, Variable v, Tensor gradient, Tensor stepSize, double beta1,
                               double beta2, Tensor epsilon) {
        DType dtype = parameter.dtype();
        Tensor newM = ops.add(m, ops.mul(ops.scalar(1 - beta1, dtype), ops.sub(gradient, m)));
        Tensor newV = ops.add(v, ops.mul(ops.scalar(1 - beta2, dtype), ops.sub(ops.square(gradient), v)));
        Tensor newP = ops.sub(parameter, ops.mul(stepSize, ops.div(newM, ops.add(ops.sqrt(newV), epsilon))));
        return ops.group(List.of(ops.assign(m, newM), ops.assign(v, newV), ops.assign(parameter, newP)));
    }

    static Tensor clip(Ops ops, Tensor x, double min, double max) {
        return ops.maximum(ops.minimum(x, ops.scalar(max, x.dtype())), ops.scalar(min, x.dtype()));
    }

    /** log Σ exp, shifted by the (gradient-free) maximum so it never overflows. */
    static Tensor logSumExp(Ops ops, Tensor x, boolean keepDims, int... axes) {
        Tensor shift = ops.stopGradient(ops.max(x, true, axes));
        Tensor kept = ops.add(ops.log(ops.sum(ops.exp(ops.sub(x, shift)), true, axes)), shift);
        if (keepDims) {
            return kept;
        }
        return axes.length == 0 ? ops.reshape(kept) : ops.squeeze(kept, axes);
    }

    static Tensor variance(Ops ops, Tensor x, boolean keepDims, int... axes) {
        return ops.mean(ops.square(ops.sub(x, ops.mean(x, true, axes))), keepDims, axes);
    }

    static Tensor norm(Ops ops, Tensor x, boolean keepDims, int... axes) {
        return ops.sqrt(ops.sum(ops.square(x), keepDims, axes));
    }

    static Tensor maskedSoftmax(Ops ops, Tensor x, Tensor mask, int axis) {
        Tensor lowest = ops.scalar(lowest(x.dtype()), x.dtype());
        Tensor probabilities = ops.softmax(ops.where(mask, x, lowest), axis);
        return ops.where(mask, probabilities, ops.zerosLike(probabilities));
    }

    static Tensor layerNorm(Ops ops, Tensor x, Tensor gamma, Tensor beta, double epsilon, int... axes) {
        Tensor mean = ops.mean(x, true, axes);
        Tensor centered = ops.sub(x, mean);
        Tensor variance = ops.mean(ops.square(centered), true, axes);
        Tensor normalized = ops.mul(centered, ops.rsqrt(ops.add(variance, ops.scalar(epsilon, x.dtype()))));
        Tensor scaled = gamma == null ? normalized : ops.mul(normalized, gamma);
        return beta == null ? scaled : ops.add(scaled, beta);
    }

    /**
     * −log softmax(logits)[label] = logsumexp(logits) − logits[label]. The label's logit is gathered
     * from the flattened logits at row·classes + label, so no [rows, classes] one-hot is built.
     */
    static Tensor sparseCrossEntropy(Ops ops, Tensor logits, Tensor labels) {
        long classes = logits.shape().dim(-1);
        if (classes < 0) {
            throw new IllegalArgumentException("sparseCrossEntropy needs a known number of classes (last axis of the logits)");
        }
        Tensor flatLabels = ops.cast(ops.reshape(labels, -1), DType.I64);
        Tensor rows = ops.range(ops.scalar(0, DType.I64), ops.reshape(ops.shapeOf(flatLabels)), ops.scalar(1, DType.I64));
        Tensor positions = ops.add(ops.mul(rows, ops.scalar(classes, DType.I64)), flatLabels);
        Tensor picked = ops.reshape(ops.gather(ops.reshape(logits, -1), positions, 0), ops.shapeOf(labels));
        return ops.sub(ops.logSumExp(logits, false, -1), picked);
    }

    static Tensor crossEntropy(Ops ops, Tensor logits, Tensor probabilities) {
        return ops.neg(ops.sum(ops.mul(probabilities, ops.logSoftmax(logits, -1)), false, -1));
    }

    /** max(x, 0) − x·z + log(1 + exp(−|x|)), stable for large |x|. */
    static Tensor sigmoidCrossEntropy(Ops ops, Tensor logits, Tensor labels) {
        Tensor relu = ops.relu(logits);
        Tensor softplusOfNegAbs = ops.log1p(ops.exp(ops.neg(ops.abs(logits))));
        return ops.add(ops.sub(relu, ops.mul(logits, labels)), softplusOfNegAbs);
    }

    private static double lowest(DType dtype) {
        switch (dtype) {
            case F16:
                return -65504;
            case F64:
                return -Double.MAX_VALUE;
            default:
                return -Float.MAX_VALUE;
        }
    }
}
