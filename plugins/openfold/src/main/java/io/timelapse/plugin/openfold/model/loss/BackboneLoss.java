package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.structure.Frames;
import java.util.OptionalDouble;

/**
 * OpenFold's {@code backbone_loss}: the {@link Fape} of the predicted backbone frames of every
 * structure-module layer against the ground-truth backbone frames, with the frame origins (Cα) as the
 * points and the backbone mask for both, averaged over the layers.
 *
 * <p>Shapes: trajectory [layers, *, N, 7] (unit quaternion w, x, y, z, then translation in Å), ground
 * truth [*, N, 4, 4] and mask [*, N].
 */
public final class BackboneLoss {

    /** OpenFold's {@code loss.fape.backbone} settings. */
    public static final double CLAMP_DISTANCE = 10.0;
    public static final double LOSS_UNIT_DISTANCE = 10.0;
    public static final double EPS = 1e-4;

    /** The probability that a training sample gets {@code use_clamped_fape} 1 (otherwise 0). */
    public static final double CLAMPED_FRACTION = 0.9;

    private final Ops ops;
    private final Fape clamped;
    private final Fape unclamped;

    public BackboneLoss(Ops ops, double clampDistance, double lossUnitDistance, double eps) {
        this.ops = ops;
        this.clamped = new Fape(ops, OptionalDouble.of(clampDistance), lossUnitDistance, eps);
        this.unclamped = new Fape(ops, OptionalDouble.empty(), lossUnitDistance, eps);
    }

    /** The loss with OpenFold's training settings. */
    public static BackboneLoss openFold(Ops ops) {
        return new BackboneLoss(ops, CLAMP_DISTANCE, LOSS_UNIT_DISTANCE, EPS);
    }

    /** The FAPE of each layer [layers, *], clamped at the clamp distance or not at all. */
    public Tensor perLayer(Tensor trajectory, Tensor groundTruth, Tensor mask, boolean clamp) {
        Frames predicted = Frames.fromTensor7(ops, trajectory);
        Frames target = Frames.fromTensor4x4(ops, ops.expandDims(groundTruth, 0));
        Tensor layerMask = ops.expandDims(mask, 0);
        return (clamp ? clamped : unclamped).of(predicted, target, layerMask, predicted.translation(), target.translation(),
                layerMask);
    }

    /** The loss without {@code use_clamped_fape}: the clamped FAPE, averaged over layers (and batch). */
    public Tensor loss(Tensor trajectory, Tensor groundTruth, Tensor mask) {
        return ops.mean(perLayer(trajectory, groundTruth, mask, true), false);
    }

    /**
     * The loss with {@code use_clamped_fape} w (a scalar or [*]): w·clamped + (1 − w)·unclamped FAPE,
     * averaged over layers (and batch). In training w is drawn per sample, 1 with probability
     * {@link #CLAMPED_FRACTION} and 0 otherwise.
     */
    public Tensor loss(Tensor trajectory, Tensor groundTruth, Tensor mask, Tensor useClampedFape) {
        Tensor clampedFape = perLayer(trajectory, groundTruth, mask, true);
        Tensor unclampedFape = perLayer(trajectory, groundTruth, mask, false);
        Tensor complement = ops.sub(ops.scalar(1, useClampedFape.dtype()), useClampedFape);
        return ops.mean(ops.add(ops.mul(clampedFape, useClampedFape), ops.mul(unclampedFape, complement)), false);
    }
}
