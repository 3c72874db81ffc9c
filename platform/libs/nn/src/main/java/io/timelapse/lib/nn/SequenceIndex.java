package io.timelapse.lib.nn;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/** 0, 1, …, n−1 along one axis of a tensor whose length along it may be known only at run time. */
final class SequenceIndex {

    private SequenceIndex() {}

    /** I64 {@code [n]}, n the run-time length of {@code x} along {@code axis}. */
    static Tensor of(Ops ops, Tensor x, int axis) {
        int rank = x.shape().rank();
        long[] begin = new long[rank];
        long[] size = new long[rank];
        for (int i = 0; i < rank; i++) {
            size[i] = i == axis ? -1 : 1;
        }
        Tensor line = ops.stopGradient(ops.reshape(ops.slice(x, begin, size), -1));
        return ops.cumsum(ops.onesLike(ops.cast(line, DType.I64)), 0, true, false);
    }
}
