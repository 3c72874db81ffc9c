package io.timelapse.lib.train;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import java.util.ArrayList;
import java.util.List;

/** {@code torch.nn.utils.clip_grad_norm_}: scales all gradients together so their global L2 norm is at most a bound. */
public final class GradientClipping {

    /** Gradients after clipping, and the global norm before it (F64 scalar), for logging. */
    public record Clipped(List<Tensor> gradients, Tensor globalNorm) {}

    private GradientClipping() {}

    /** Multiplies every gradient by min(1, maxNorm / (‖g‖ + 1e-6)), ‖g‖ the norm of all gradients as one vector. */
    public static Clipped byGlobalNorm(Ops ops, List<Tensor> gradients, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("the norm bound must be positive, got " + maxNorm);
        }
        Tensor squares = null;
        for (Tensor gradient : gradients) {
            Tensor sum = ops.cast(ops.sum(ops.square(gradient), false), DType.F64);
            squares = squares == null ? sum : ops.add(squares, sum);
        }
        if (squares == null) {
            throw new IllegalArgumentException("no gradients to clip");
        }
        Tensor norm = ops.sqrt(squares);
        Tensor coefficient = ops.minimum(ops.div(ops.scalar(maxNorm, DType.F64), ops.add(norm, ops.scalar(1e-6, DType.F64))),
                ops.scalar(1, DType.F64));
        List<Tensor> clipped = new ArrayList<>();
        for (Tensor gradient : gradients) {
            clipped.add(ops.mul(gradient, ops.cast(coefficient, gradient.dtype())));
        }
        return new Clipped(clipped, norm);
    }
}
