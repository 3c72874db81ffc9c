package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/**
 * OpenFold's {@code fape_loss}: the weighted sum of the {@link BackboneLoss} and the
 * {@link SidechainFape}, averaged over the batch.
 */
public final class FapeLoss {

    /** OpenFold's {@code loss.fape.backbone.weight} and {@code loss.fape.sidechain.weight}. */
    public static final double BACKBONE_WEIGHT = 0.5;
    public static final double SIDECHAIN_WEIGHT = 0.5;

    private final Ops ops;
    private final double backboneWeight;
    private final double sidechainWeight;

    public FapeLoss(Ops ops, double backboneWeight, double sidechainWeight) {
        this.ops = ops;
        this.backboneWeight = backboneWeight;
        this.sidechainWeight = sidechainWeight;
    }

    public static FapeLoss openFold(Ops ops) {
        return new FapeLoss(ops, BACKBONE_WEIGHT, SIDECHAIN_WEIGHT);
    }

    /**
     * The scalar loss of a backbone term [*] or [] (as {@link BackboneLoss#loss} gives it, already
     * averaged) and a side-chain term [*] or [].
     */
    public Tensor loss(Tensor backbone, Tensor sidechain) {
        Tensor weighted = ops.add(ops.mul(backbone, ops.scalar(backboneWeight, backbone.dtype())),
                ops.mul(sidechain, ops.scalar(sidechainWeight, sidechain.dtype())));
        return ops.mean(weighted, false);
    }
}
