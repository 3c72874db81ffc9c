package io.timelapse.plugin.dsb.model;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Dropout;
import java.util.Arrays;

/**
 * Stochastic depth: while training, each example's residual branch is dropped with probability
 * {@code rate} and kept ones are scaled by 1/(1−rate), as timm's and Hugging Face's {@code drop_path}.
 * The per-example mask is a {@link Dropout} of ones, so it is seeded by the step and this scope.
 */
final class DropPath {

    private final Ops ops;
    private final Dropout dropout;

    DropPath(Ops ops, double rate) {
        this.ops = ops;
        this.dropout = new Dropout(ops, rate);
    }

    /** {@code branch [N, ...]}, each example scaled by 0 or 1/(1−rate) while training; unchanged otherwise. */
    Tensor apply(Tensor branch, Tensor step, boolean training) {
        if (!training || dropout.rate() == 0) {
            return branch;
        }
        int rank = branch.shape().rank();
        long[] begin = new long[rank];
        long[] size = new long[rank];
        Arrays.fill(size, 1);
        size[0] = -1;
        // 0·x + 1 rather than onesLike, whose gradient the API refuses even behind stopGradient.
        Tensor zero = ops.scalar(0, branch.dtype());
        Tensor ones = ops.add(ops.mul(ops.stopGradient(ops.slice(branch, begin, size)), zero), ops.scalar(1, branch.dtype()));
        return ops.mul(branch, dropout.apply(ones, step, true));
    }
}
