package io.timelapse.plugin.openfold.model.structure;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.Axes;
import java.util.ArrayList;
import java.util.List;

/**
 * In-graph rigid frames x ↦ R·x + t: rotations [*, 3, 3] and translations [*, 3], the batched
 * counterpart of {@link io.timelapse.plugin.openfold.geometry.Rigid} (and OpenFold's {@code Rigid}),
 * with the same operation names. Points passed to {@link #apply} and {@link #invertApply} broadcast
 * against the frames' batch axes.
 */
public final class Frames {

    private final Ops ops;
    private final Tensor rotation;
    private final Tensor translation;

    public Frames(Ops ops, Tensor rotation, Tensor translation) {
        Axes.requireTrailing(rotation, 2, 3, "frames", "a rotation tensor");
        Axes.requireTrailing(translation, 1, 3, "frames", "a translation tensor");
        this.ops = ops;
        this.rotation = rotation;
        this.translation = translation;
    }

    /** Frames of unit quaternions [*, 4] (w, x, y, z) and translations [*, 3] ({@code Rigid.fromQuaternion}). */
    public static Frames fromQuaternion(Ops ops, Tensor quaternion, Tensor translation) {
        return new Frames(ops, Quaternions.toRotation(ops, quaternion), translation);
    }

    /**
     * Frames of OpenFold's tensor_7 form [*, 7]: quaternion (w, x, y, z), then translation
     * ({@code Rigid.from_tensor_7} without normalising, so the quaternions must be unit).
     */
    public static Frames fromTensor7(Ops ops, Tensor frames) {
        Axes.requireTrailing(frames, 1, 7, "frames", "a tensor_7 frame tensor");
        List<Tensor> parts = ops.split(frames, -1, 4, 3);
        return fromQuaternion(ops, parts.get(0), parts.get(1));
    }

    /** Frames of homogeneous 4×4 matrices [*, 4, 4] ({@code Rigid.from_tensor_4x4}). */
    public static Frames fromTensor4x4(Ops ops, Tensor matrices) {
        Axes.requireTrailing(matrices, 2, 4, "frames", "a 4x4 frame tensor");
        Tensor top = ops.split(matrices, -2, 3, 1).get(0);
        List<Tensor> columns = ops.split(top, -1, 3, 1);
        return new Frames(ops, columns.get(0), ops.squeeze(columns.get(1), -1));
    }

    public Tensor rotation() {
        return rotation;
    }

    public Tensor translation() {
        return translation;
    }

    /** {@code this ∘ other}: apply {@code other} first, then this. */
    public Frames compose(Frames other) {
        return new Frames(ops, ops.matmul(rotation, other.rotation, false, false), apply(other.translation));
    }

    public Frames invert() {
        Tensor inverse = Axes.swapLast(ops, rotation);
        return new Frames(ops, inverse, ops.neg(rotate(inverse, translation)));
    }

    /** R·p + t for points [*, 3]. */
    public Tensor apply(Tensor points) {
        return ops.add(rotate(rotation, points), translation);
    }

    /** Rᵀ·(p − t) for points [*, 3]. */
    public Tensor invertApply(Tensor points) {
        return rotate(Axes.swapLast(ops, rotation), ops.sub(points, translation));
    }

    /**
     * The frames with {@code count} unit axes added after the batch axes (OpenFold's
     * {@code r[..., None, None]} for {@code count} 2), so they broadcast over per-frame points.
     */
    public Frames expandDims(int count) {
        Tensor r = rotation;
        Tensor t = translation;
        for (int i = 0; i < count; i++) {
            r = ops.expandDims(r, -3);
            t = ops.expandDims(t, -2);
        }
        return new Frames(ops, r, t);
    }

    /**
     * OpenFold's compose_q_update_vec (AF2 Alg. 23) for these frames with quaternions {@code quaternion}
     * [*, 4] and updates [*, 6] (b, c, d, tx, ty, tz): rotation of normalise(q + q·(0, b, c, d)),
     * translation t + R·(tx, ty, tz). {@link Quaternions#composeUpdate} gives the new quaternions.
     */
    public Frames composeQUpdateVec(Tensor quaternion, Tensor update) {
        Axes.requireTrailing(update, 1, 6, "frames", "a backbone update");
        List<Tensor> parts = ops.split(update, -1, 3, 3);
        Tensor q = Quaternions.composeUpdate(ops, quaternion, parts.get(0));
        return new Frames(ops, Quaternions.toRotation(ops, q), ops.add(translation, rotate(rotation, parts.get(1))));
    }

    /** The frames with translations multiplied by {@code factor} (OpenFold's {@code scale_translation}). */
    public Frames scaleTranslation(double factor) {
        return new Frames(ops, rotation, ops.mul(translation, ops.scalar(factor, translation.dtype())));
    }

    /** The same frames with no gradient through the rotations (OpenFold's {@code stop_rot_gradient}). */
    public Frames stopRotationGradient() {
        return new Frames(ops, ops.stopGradient(rotation), translation);
    }

    /** Homogeneous 4×4 matrices [*, 4, 4] ({@code Rigid.to_tensor_4x4}): [R t; 0 0 0 1]. */
    public Tensor toTensor4x4() {
        Tensor top = ops.concat(-1, List.of(rotation, ops.expandDims(translation, -1)));
        int rank = top.shape().rank();
        long[][] paddings = new long[rank][2];
        paddings[rank - 2][1] = 1;
        double[] corner = new double[16];
        corner[15] = 1;
        return ops.add(ops.pad(top, paddings, 0), ops.constant(HostTensor.fromDoubles(top.dtype(), Shape.of(4, 4), corner)));
    }

    /**
     * OpenFold's {@code to_tensor_7} of frames made from unit quaternions {@code quaternion} [*, 4]
     * (these frames keep only the rotation matrices): quaternion (w, x, y, z), then translation.
     */
    public Tensor toTensor7(Tensor quaternion) {
        return ops.concat(-1, List.of(quaternion, translation));
    }

    /** The frames split along their last batch axis into pieces of {@code sizes} (as {@code Ops.split}). */
    public List<Frames> split(long... sizes) {
        List<Tensor> rotations = ops.split(rotation, -3, sizes);
        List<Tensor> translations = ops.split(translation, -2, sizes);
        List<Frames> parts = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            parts.add(new Frames(ops, rotations.get(i), translations.get(i)));
        }
        return parts;
    }

    /** Frames joined along their last batch axis ({@code Rigid.cat(..., dim=-1)}). */
    public static Frames concat(Ops ops, List<Frames> frames) {
        List<Tensor> rotations = new ArrayList<>();
        List<Tensor> translations = new ArrayList<>();
        for (Frames f : frames) {
            rotations.add(f.rotation);
            translations.add(f.translation);
        }
        return new Frames(ops, ops.concat(-3, rotations), ops.concat(-2, translations));
    }

    /** R·v for rotations [*, 3, 3] and vectors [*, 3]. */
    private Tensor rotate(Tensor r, Tensor v) {
        return ops.sum(ops.mul(r, ops.expandDims(v, -2)), false, -1);
    }
}
