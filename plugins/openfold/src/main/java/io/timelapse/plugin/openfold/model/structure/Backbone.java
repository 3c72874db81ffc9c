package io.timelapse.plugin.openfold.model.structure;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.List;

/**
 * The structure module's backbone frames in quaternion form (OpenFold's {@code Rigid} with
 * {@code fmt="quat"}): unit quaternions [*, 4] (w, x, y, z) with their rotations, and translations [*, 3]
 * in the module's internal units (Å / trans_scale_factor).
 */
final class Backbone {

    private final Ops ops;
    private final Tensor quaternion;
    private final Frames frames;

    private Backbone(Ops ops, Tensor quaternion, Frames frames) {
        this.ops = ops;
        this.quaternion = quaternion;
        this.frames = frames;
    }

    /** Identity frames, one per element of {@code like [*, N]} (a floating tensor of the frames' dtype). */
    static Backbone identity(Ops ops, Tensor like) {
        // zerosLike + 1, not onesLike: TensorFlow has no gradient for OnesLike, and like is on the loss's gradient path.
        Tensor ones = ops.expandDims(ops.add(ops.zerosLike(like), ops.scalar(1, like.dtype())), -1);
        Tensor q = ops.mul(ones, ops.constant(HostTensor.fromDoubles(like.dtype(), Shape.of(4), new double[] {1, 0, 0, 0})));
        Tensor t = ops.mul(ones, ops.zeros(Shape.of(3), like.dtype()));
        return new Backbone(ops, q, Frames.fromQuaternion(ops, q, t));
    }

    /** The frames in internal units. */
    Frames frames() {
        return frames;
    }

    /**
     * OpenFold's {@code compose_q_update_vec} with updates [*, 6] (b, c, d, tx, ty, tz). The new quaternion
     * is needed for tensor_7 as well as inside {@link Frames#composeQUpdateVec}; the graph computes it once
     * after common-subexpression elimination.
     */
    Backbone update(Tensor update) {
        List<Tensor> parts = ops.split(update, -1, 3, 3);
        return new Backbone(ops, Quaternions.composeUpdate(ops, quaternion, parts.get(0)), frames.composeQUpdateVec(quaternion, update));
    }

    /** OpenFold's {@code stop_rot_gradient}: the same frames, no gradient through the rotations; translations keep theirs. */
    Backbone stopRotationGradient() {
        return new Backbone(ops, ops.stopGradient(quaternion), frames.stopRotationGradient());
    }

    /** The unit quaternions [*, 4]. */
    Tensor quaternion() {
        return quaternion;
    }
}
