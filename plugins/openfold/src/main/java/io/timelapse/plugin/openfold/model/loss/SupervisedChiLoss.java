package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import io.timelapse.plugin.openfold.residue.SideChains;

/**
 * OpenFold's {@code supervised_chi_loss} (AF2 Alg. 27): the squared chord distance between predicted
 * and true (sin, cos) of χ1–χ4, for π-periodic χs the smaller of it and the distance to the true angle
 * + π, averaged under the χ mask over residues and all structure-module layers and weighted by the
 * chi weight; plus the angle-norm weight times the mean |‖unnormalised (sin, cos)‖ − 1| of all 7
 * torsions over residues and layers.
 *
 * <p>Shapes: angle trajectories [layers, *, N, 7, 2] (torsions ω, φ, ψ, χ1–χ4), aatype [*, N] (int),
 * sequence mask [*, N], χ mask [*, N, 4], true χ (sin, cos) [*, N, 4, 2]. The result is a scalar.
 */
public final class SupervisedChiLoss {

    /** OpenFold's {@code loss.supervised_chi} settings. */
    public static final double CHI_WEIGHT = 0.5;
    public static final double ANGLE_NORM_WEIGHT = 0.01;
    public static final double EPS = 1e-6;

    /** {@code masked_mean}'s eps in the denominator. */
    private static final double MEAN_EPS = 1e-4;
    private static final int FIRST_CHI = 3;

    private final Ops ops;
    private final double chiWeight;
    private final double angleNormWeight;
    private final double eps;

    public SupervisedChiLoss(Ops ops, double chiWeight, double angleNormWeight, double eps) {
        this.ops = ops;
        this.chiWeight = chiWeight;
        this.angleNormWeight = angleNormWeight;
        this.eps = eps;
    }

    /** The loss with OpenFold's training settings. */
    public static SupervisedChiLoss openFold(Ops ops) {
        return new SupervisedChiLoss(ops, CHI_WEIGHT, ANGLE_NORM_WEIGHT, EPS);
    }

    public Tensor loss(Tensor angles, Tensor unnormalizedAngles, Tensor aatype, Tensor seqMask, Tensor chiMask,
            Tensor chiAnglesSinCos) {
        Tensor predicted = ops.split(angles, -2, FIRST_CHI, SideChains.NUM_CHIS).get(1);
        // 1 − 2·periodic is −1 for π-periodic chis: (sin, cos) of the angle + π.
        Tensor periodic = ops.gather(ops.constant(piPeriodicTable(angles)), aatype, 0);
        Tensor shift = ops.sub(scalar(1, periodic), ops.mul(periodic, scalar(2, periodic)));
        Tensor shifted = ops.mul(ops.expandDims(shift, -1), chiAnglesSinCos);
        Tensor error = ops.minimum(squaredDistance(chiAnglesSinCos, predicted), squaredDistance(shifted, predicted));
        Tensor chiLoss = maskedMean(chiMask, error);
        Tensor norm = ops.sqrt(ops.add(ops.sum(ops.square(unnormalizedAngles), false, -1), scalar(eps, unnormalizedAngles)));
        Tensor normError = ops.abs(ops.sub(norm, scalar(1, norm)));
        Tensor normLoss = maskedMean(ops.expandDims(seqMask, -1), normError);
        return ops.mean(ops.add(ops.mul(chiLoss, scalar(chiWeight, chiLoss)), ops.mul(normLoss, scalar(angleNormWeight, normLoss))),
                false);
    }

    /** |truth − predicted|² over (sin, cos): [layers, *, N, 4]. */
    private Tensor squaredDistance(Tensor truth, Tensor predicted) {
        return ops.sum(ops.square(ops.sub(truth, predicted)), false, -1);
    }

    /**
     * OpenFold's {@code masked_mean} of values [layers, *, N, K] under mask [*, N, K'] broadcast to the
     * values' shape, over the layers and the last two axes: [*].
     */
    private Tensor maskedMean(Tensor mask, Tensor values) {
        Tensor expanded = ops.broadcastTo(mask, Axes.dims(values, "supervised chi loss", "an angle trajectory"));
        Tensor total = ops.sum(ops.mul(expanded, values), false, 0, -2, -1);
        return ops.div(total, ops.add(ops.sum(expanded, false, 0, -2, -1), scalar(MEAN_EPS, values)));
    }

    /** SideChains' π-periodic flags [21, 4] per restype (20 standard and X), in the dtype of {@code like}. */
    private static HostTensor piPeriodicTable(Tensor like) {
        int restypes = ResidueTypes.UNKNOWN + 1;
        double[] table = new double[restypes * SideChains.NUM_CHIS];
        for (int restype = 0; restype < restypes; restype++) {
            for (int chi = 0; chi < SideChains.NUM_CHIS; chi++) {
                table[restype * SideChains.NUM_CHIS + chi] = SideChains.chiPiPeriodic(restype, chi);
            }
        }
        return HostTensor.fromDoubles(like.dtype(), Shape.of(restypes, SideChains.NUM_CHIS), table);
    }

    private Tensor scalar(double value, Tensor like) {
        return ops.scalar(value, like.dtype());
    }
}
