package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/**
 * OpenFold's {@code experimentally_resolved_loss}: the sigmoid cross-entropy of the
 * experimentally-resolved logits against the atom37 mask of the true structure, summed over the atoms
 * that exist in each residue type and divided by eps + their number over the chain; counted only for a
 * structure whose resolution lies in [0.1, 3.0] Å.
 *
 * <p>Shapes: logits, atom37 existence and true atom37 mask [*, N, 37]; resolution [*] (a scalar
 * without batch axes).
 */
public final class ExperimentallyResolvedLoss {

    /** OpenFold's {@code loss.experimentally_resolved} eps; the resolution window is the pLDDT loss's. */
    public static final double EPS = 1e-8;

    private final Ops ops;
    private final ResolutionWindow window;
    private final double eps;

    public ExperimentallyResolvedLoss(Ops ops, double minResolution, double maxResolution, double eps) {
        this.ops = ops;
        this.window = new ResolutionWindow(minResolution, maxResolution);
        this.eps = eps;
    }

    /** The loss with OpenFold's training settings. */
    public static ExperimentallyResolvedLoss openFold(Ops ops) {
        ResolutionWindow window = ResolutionWindow.OPENFOLD;
        return new ExperimentallyResolvedLoss(ops, window.min(), window.max(), EPS);
    }

    /** The loss, a scalar (averaged over any batch axes). */
    public Tensor loss(Tensor logits, Tensor atom37Exists, Tensor allAtomMask, Tensor resolution) {
        DType dtype = logits.dtype();
        Tensor errors = ops.sigmoidCrossEntropy(logits, allAtomMask);
        Tensor perResidue = ops.sum(ops.mul(errors, atom37Exists), false, -1);
        Tensor denominator = ops.add(ops.scalar(eps, dtype), ops.sum(atom37Exists, false, -1, -2));
        Tensor perSample = ops.sum(ops.div(perResidue, ops.expandDims(denominator, -1)), false, -1);
        return ops.mean(ops.mul(perSample, window.weight(ops, resolution, dtype)), false);
    }
}
