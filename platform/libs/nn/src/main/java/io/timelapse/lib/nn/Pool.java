package io.timelapse.lib.nn;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.List;

/** Shared argument checks and explicit spatial padding of NHWC tensors. */
final class Pool {

    private Pool() {}

    static int[] pair(int[] values, String what) {
        if (values.length != 2) {
            throw new IllegalArgumentException(what + " needs two values (height, width), got " + values.length);
        }
        return values.clone();
    }

    /**
     * {@code x [N, H, W, C]} with {@code padding} rows and columns of {@code value} on each side.
     * Built from concatenations rather than the pad operation, whose TensorFlow gradient fails on
     * the backend's 64-bit paddings (TF 2.18 C++ PadGrad mixes int32 and int64 indices).
     */
    static Tensor padSpatial(Ops ops, Tensor x, int[] padding, double value) {
        Tensor padded = padAxis(ops, x, 1, padding[0], value);
        return padAxis(ops, padded, 2, padding[1], value);
    }

    private static Tensor padAxis(Ops ops, Tensor x, int axis, int amount, double value) {
        if (amount == 0) {
            return x;
        }
        long length = x.shape().dim(axis);
        if (length != Shape.UNKNOWN_DIM && amount > length) {
            throw new IllegalArgumentException("padding " + amount + " exceeds the input's size " + length + " along axis " + axis);
        }
        long[] begin = new long[4];
        long[] size = {-1, -1, -1, -1};
        size[axis] = amount;
        Tensor edge = ops.zerosLike(ops.stopGradient(ops.slice(x, begin, size)));
        Tensor fill = value == 0 ? edge : ops.add(edge, ops.scalar(value, x.dtype()));
        return ops.concat(axis, List.of(fill, x, fill));
    }
}
