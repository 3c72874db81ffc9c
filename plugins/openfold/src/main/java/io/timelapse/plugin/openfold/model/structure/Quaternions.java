package io.timelapse.plugin.openfold.model.structure;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.Axes;
import java.util.Arrays;
import java.util.List;

/**
 * In-graph quaternions: tensors [*, 4] of (w, x, y, z), the batched counterpart of
 * {@link io.timelapse.plugin.openfold.geometry.Quaternion} with the same operation names.
 */
public final class Quaternions {

    private Quaternions() {}

    /** The rotation matrices [*, 3, 3] of unit quaternions [*, 4] ({@code Quaternion.toRotation}). */
    public static Tensor toRotation(Ops ops, Tensor q) {
        long[] dims = Axes.requireTrailing(q, 1, 4, "quaternions", "a quaternion tensor");
        List<Tensor> c = ops.split(q, -1, 1, 1, 1, 1);
        Tensor w = c.get(0);
        Tensor x = c.get(1);
        Tensor y = c.get(2);
        Tensor z = c.get(3);
        Tensor ww = ops.square(w);
        Tensor xx = ops.square(x);
        Tensor yy = ops.square(y);
        Tensor zz = ops.square(z);
        Tensor entries = ops.concat(-1, List.of(
                ops.sub(ops.add(ww, xx), ops.add(yy, zz)), twice(ops, ops.sub(ops.mul(x, y), ops.mul(w, z))),
                twice(ops, ops.add(ops.mul(x, z), ops.mul(w, y))),
                twice(ops, ops.add(ops.mul(x, y), ops.mul(w, z))), ops.sub(ops.add(ww, yy), ops.add(xx, zz)),
                twice(ops, ops.sub(ops.mul(y, z), ops.mul(w, x))),
                twice(ops, ops.sub(ops.mul(x, z), ops.mul(w, y))), twice(ops, ops.add(ops.mul(y, z), ops.mul(w, x))),
                ops.sub(ops.add(ww, zz), ops.add(xx, yy))));
        long[] matrices = Arrays.copyOf(dims, dims.length + 1);
        matrices[dims.length - 1] = 3;
        matrices[dims.length] = 3;
        return ops.reshape(entries, matrices);
    }

    /** The Hamilton products {@code a · b} of [*, 4] quaternions ({@code Quaternion.multiply}). */
    public static Tensor multiply(Ops ops, Tensor a, Tensor b) {
        List<Tensor> p = ops.split(a, -1, 1, 1, 1, 1);
        List<Tensor> o = ops.split(b, -1, 1, 1, 1, 1);
        Tensor w = p.get(0);
        Tensor x = p.get(1);
        Tensor y = p.get(2);
        Tensor z = p.get(3);
        return ops.concat(-1, List.of(
                sum(ops, ops.mul(w, o.get(0)), ops.neg(ops.mul(x, o.get(1))), ops.neg(ops.mul(y, o.get(2))), ops.neg(ops.mul(z, o.get(3)))),
                sum(ops, ops.mul(w, o.get(1)), ops.mul(x, o.get(0)), ops.mul(y, o.get(3)), ops.neg(ops.mul(z, o.get(2)))),
                sum(ops, ops.mul(w, o.get(2)), ops.neg(ops.mul(x, o.get(3))), ops.mul(y, o.get(0)), ops.mul(z, o.get(1))),
                sum(ops, ops.mul(w, o.get(3)), ops.mul(x, o.get(2)), ops.neg(ops.mul(y, o.get(1))), ops.mul(z, o.get(0)))));
    }

    /** {@code q · (0, v)} for vectors v [*, 3] ({@code Quaternion.multiplyByVector}, OpenFold's quat_multiply_by_vec). */
    public static Tensor multiplyByVector(Ops ops, Tensor q, Tensor v) {
        return multiply(ops, q, ops.pad(v, padLast(v, 1, 0), 0));
    }

    /** The quaternions normalised to unit length ({@code Quaternion.normalize}). */
    public static Tensor normalize(Ops ops, Tensor q) {
        return ops.mul(q, ops.rsqrt(ops.sum(ops.square(q), true, -1)));
    }

    /** OpenFold's quaternion part of compose_q_update_vec: normalise(q + q·(0, b, c, d)) for vectors [*, 3]. */
    public static Tensor composeUpdate(Ops ops, Tensor q, Tensor bcd) {
        return normalize(ops, ops.add(q, multiplyByVector(ops, q, bcd)));
    }

    private static Tensor twice(Ops ops, Tensor x) {
        return ops.mul(ops.scalar(2, x.dtype()), x);
    }

    private static Tensor sum(Ops ops, Tensor a, Tensor b, Tensor c, Tensor d) {
        return ops.add(ops.add(a, b), ops.add(c, d));
    }

    private static long[][] padLast(Tensor x, long before, long after) {
        long[][] paddings = new long[x.shape().rank()][2];
        paddings[paddings.length - 1] = new long[] {before, after};
        return paddings;
    }
}
