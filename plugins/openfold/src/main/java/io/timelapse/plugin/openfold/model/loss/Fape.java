package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.structure.Frames;
import java.util.OptionalDouble;

/**
 * OpenFold's {@code compute_fape} (AF2 Alg. 28): every point is seen from every frame, in the predicted
 * and in the target structure; the error is √(|Δ|² + eps), optionally clamped, divided by the length
 * scale, then averaged over frames and points under their masks. As in OpenFold, the sum over points is
 * divided by eps + the number of frames and the sum over frames by eps + the number of points.
 */
public final class Fape {

    private final Ops ops;
    private final OptionalDouble clampDistance;
    private final double lengthScale;
    private final double eps;

    /** An empty {@code clampDistance} is OpenFold's {@code l1_clamp_distance=None} (unclamped). */
    public Fape(Ops ops, OptionalDouble clampDistance, double lengthScale, double eps) {
        this.ops = ops;
        this.clampDistance = clampDistance;
        this.lengthScale = lengthScale;
        this.eps = eps;
    }

    /**
     * The FAPE [*] of frames [*, F] with mask [*, F] over points [*, P, 3] with mask [*, P]; the batch
     * axes of the two structures broadcast.
     */
    public Tensor of(Frames predicted, Frames target, Tensor framesMask, Tensor predictedPoints, Tensor targetPoints,
            Tensor pointsMask) {
        Tensor difference = ops.sub(local(predicted, predictedPoints), local(target, targetPoints));
        Tensor error = ops.sqrt(ops.add(ops.sum(ops.square(difference), false, -1), scalar(eps, difference)));
        if (clampDistance.isPresent()) {
            // The error is at least √eps, so OpenFold's lower clamp at 0 never applies.
            error = ops.minimum(error, scalar(clampDistance.getAsDouble(), error));
        }
        Tensor normed = ops.div(error, scalar(lengthScale, error));
        normed = ops.mul(ops.mul(normed, ops.expandDims(framesMask, -1)), ops.expandDims(pointsMask, -2));
        Tensor perFrame = ops.div(ops.sum(normed, false, -1), ops.expandDims(count(framesMask), -1));
        return ops.div(ops.sum(perFrame, false, -1), count(pointsMask));
    }

    /** The points [*, P, 3] in the local coordinates of each frame [*, F]: [*, F, P, 3]. */
    private Tensor local(Frames frames, Tensor points) {
        return frames.expandDims(1).invertApply(ops.expandDims(points, -3));
    }

    private Tensor count(Tensor mask) {
        return ops.add(scalar(eps, mask), ops.sum(mask, false, -1));
    }

    private Tensor scalar(double value, Tensor like) {
        return ops.scalar(value, like.dtype());
    }
}
