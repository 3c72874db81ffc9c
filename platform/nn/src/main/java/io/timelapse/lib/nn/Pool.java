package io.timelapse.lib.nn;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/** Shared argument checks and explicit spatial padding of NHWC tensors. */
final class Pool {

    private Pool() {}

    static int[] pair(int[] values, String what) {
        if (values.length != 2) {
            throw new IllegalArgumentException(what + " needs two values (height, width), got " + values.length);
        }
        return values.clone();
    }

    static Tensor padSpatial(Ops ops, Tensor x, int[] padding, double value) {
        if (padding[0] == 0 && padding[1] == 0) {
            return x;
        }
        return ops.pad(x, new long[][] {{0, 0}, {padding[0], padding[0]}, {padding[1], padding[1]}, {0, 0}}, value);
    }
}
