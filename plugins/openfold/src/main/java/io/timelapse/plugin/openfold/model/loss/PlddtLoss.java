package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.metrics.Lddt;
import io.timelapse.plugin.openfold.residue.AtomTypes;

/**
 * OpenFold's {@code lddt_loss}, which trains the pLDDT head: the per-residue lDDT-Cα of the final
 * predicted structure against the true one ({@link InGraphLddt}, no gradient into the structure), cut
 * into {@code bins} equal bins of [0, 1] (a score of 1 falls in the last), is the target class of the
 * cross-entropy of the pLDDT logits, averaged over the residues whose true Cα is resolved, and counted
 * only for a structure whose resolution lies in [0.1, 3.0] Å.
 *
 * <p>Shapes: logits [*, N, bins], predicted and true atom37 positions [*, N, 37, 3] in Å, atom37 mask
 * [*, N, 37], resolution [*] (a scalar without batch axes).
 */
public final class PlddtLoss {

    /** OpenFold's {@code loss.plddt_loss} settings; the cutoff is the lDDT metric's. */
    public static final int BINS = 50;
    public static final double CUTOFF = Lddt.DEFAULT_CUTOFF;
    public static final double EPS = 1e-10;

    private final Ops ops;
    private final InGraphLddt lddt;
    private final int bins;
    private final ResolutionWindow window;
    private final double eps;

    public PlddtLoss(Ops ops, double cutoff, int bins, double minResolution, double maxResolution, double eps) {
        this.ops = ops;
        this.lddt = new InGraphLddt(ops, cutoff, eps);
        this.bins = bins;
        this.window = new ResolutionWindow(minResolution, maxResolution);
        this.eps = eps;
    }

    /** The loss with OpenFold's training settings. */
    public static PlddtLoss openFold(Ops ops) {
        ResolutionWindow window = ResolutionWindow.OPENFOLD;
        return new PlddtLoss(ops, CUTOFF, BINS, window.min(), window.max(), EPS);
    }

    /** The per-residue lDDT-Cα [*, N] the loss bins, without gradient. */
    public Tensor lddtCa(Tensor predictedAtom37, Tensor trueAtom37, Tensor atom37Mask) {
        return lddt.perResidue(ops.stopGradient(ca(predictedAtom37)), ca(trueAtom37), caMask(atom37Mask));
    }

    /** The loss, a scalar (averaged over any batch axes). */
    public Tensor loss(Tensor logits, Tensor predictedAtom37, Tensor trueAtom37, Tensor atom37Mask, Tensor resolution) {
        DType dtype = logits.dtype();
        Tensor score = lddtCa(predictedAtom37, trueAtom37, atom37Mask);
        Tensor bin = ops.minimum(ops.cast(ops.mul(score, ops.scalar(bins, score.dtype())), DType.I32),
                ops.scalar(bins - 1, DType.I32));
        Tensor errors = ops.sparseCrossEntropy(logits, bin);
        Tensor mask = ops.cast(caMask(atom37Mask), dtype);
        Tensor perSample = ops.div(ops.sum(ops.mul(errors, mask), false, -1),
                ops.add(ops.scalar(eps, dtype), ops.sum(mask, false, -1)));
        return ops.mean(ops.mul(perSample, window.weight(ops, resolution, dtype)), false);
    }

    private Tensor ca(Tensor atom37) {
        return ops.squeeze(ops.split(atom37, -2, AtomTypes.CA, 1, AtomTypes.NUM_ATOM37 - AtomTypes.CA - 1).get(1), -2);
    }

    private Tensor caMask(Tensor atom37Mask) {
        return ops.squeeze(ops.split(atom37Mask, -1, AtomTypes.CA, 1, AtomTypes.NUM_ATOM37 - AtomTypes.CA - 1).get(1), -1);
    }
}
