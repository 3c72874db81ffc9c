package io.timelapse.plugin.dsb.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.Module;

/**
 * ConvNeXt V2's global response normalisation on NHWC inputs, as Hugging Face's {@code ConvNextV2GRN}:
 * {@code g = ‖x‖₂ over (H, W)}, {@code n = g / (mean_c g + 1e-6)}, {@code y = weight·(x·n) + bias + x},
 * with {@code weight} and {@code bias} of shape [1, 1, 1, c], both zero at first (so it starts as the identity).
 */
final class GlobalResponseNorm extends Module {

    private static final double EPS = 1e-6;

    private final Variable weight;
    private final Variable bias;

    GlobalResponseNorm(Ops ops, long channels, DType dtype) {
        super(ops);
        this.weight = parameter("weight", dtype, Shape.of(1, 1, 1, channels), Initializer.zeros());
        this.bias = parameter("bias", dtype, Shape.of(1, 1, 1, channels), Initializer.zeros());
    }

    Tensor apply(Tensor x) {
        Ops ops = ops();
        Tensor global = ops.norm(x, true, 1, 2);
        Tensor normalized = ops.div(global, ops.add(ops.mean(global, true, -1), ops.scalar(EPS, x.dtype())));
        // weight·(x·n) + bias + x as x·(weight·n + 1) + bias: the per-channel scale is small, so the full-size
        // tensor is passed over twice instead of four times, and its gradient likewise.
        Tensor scale = ops.add(ops.mul(weight, normalized), ops.scalar(1, x.dtype()));
        return ops.add(ops.mul(x, scale), bias);
    }
}
