package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/**
 * OpenFold's {@code masked_msa_loss}: the cross-entropy of the masked-MSA logits against the true MSA
 * residue codes (23 classes: 20 amino acids, X, gap, mask token) at the BERT-masked positions, averaged
 * over them. As in OpenFold the sum is divided by eps + ½·(number of masked positions) and then halved,
 * which is the plain mean up to eps.
 *
 * <p>Shapes: logits [*, S, N, classes], true MSA [*, S, N] (integer codes) and BERT mask [*, S, N].
 */
public final class MaskedMsaLoss {

    /** OpenFold's {@code loss.masked_msa} settings. */
    public static final int CLASSES = 23;
    public static final double EPS = 1e-8;

    private static final double SCALE = 0.5;

    private final Ops ops;
    private final int classes;
    private final double eps;

    public MaskedMsaLoss(Ops ops, int classes, double eps) {
        this.ops = ops;
        this.classes = classes;
        this.eps = eps;
    }

    /** The loss with OpenFold's training settings. */
    public static MaskedMsaLoss openFold(Ops ops) {
        return new MaskedMsaLoss(ops, CLASSES, EPS);
    }

    /** The loss, a scalar (averaged over any batch axes). */
    public Tensor loss(Tensor logits, Tensor trueMsa, Tensor bertMask) {
        if (logits.shape().dim(-1) != classes) {
            throw new IllegalArgumentException("masked MSA logits " + logits.shape() + ": the last axis must have " + classes
                    + " classes");
        }
        DType dtype = logits.dtype();
        Tensor errors = ops.sparseCrossEntropy(logits, trueMsa);
        Tensor perRow = ops.sum(ops.mul(errors, bertMask), false, -1);
        Tensor denominator = ops.add(ops.scalar(eps, dtype),
                ops.sum(ops.mul(ops.scalar(SCALE, dtype), bertMask), false, -1, -2));
        Tensor perSample = ops.sum(ops.div(perRow, ops.expandDims(denominator, -1)), false, -1);
        return ops.mean(ops.mul(perSample, ops.scalar(SCALE, dtype)), false);
    }
}
