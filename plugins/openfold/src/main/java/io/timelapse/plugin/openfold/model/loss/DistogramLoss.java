package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;

/**
 * OpenFold's {@code distogram_loss}: the cross-entropy of the distogram logits against the bin of each
 * true pseudo-β (Cβ, Cα for glycine) distance, averaged over the pairs of masked-in residues. The bin
 * of a distance d is the number of the {@code bins − 1} evenly spaced boundaries from the first to the
 * last bin edge that d exceeds.
 *
 * <p>Shapes: logits [*, N, N, bins], pseudo-β positions [*, N, 3] in Å and their mask [*, N].
 */
public final class DistogramLoss {

    /** OpenFold's {@code loss.distogram} settings. */
    public static final double MIN_BIN = 2.3125;
    public static final double MAX_BIN = 21.6875;
    public static final int BINS = 64;
    public static final double EPS = 1e-8;

    private final Ops ops;
    private final double minBin;
    private final double maxBin;
    private final int bins;
    private final double eps;

    public DistogramLoss(Ops ops, double minBin, double maxBin, int bins, double eps) {
        this.ops = ops;
        this.minBin = minBin;
        this.maxBin = maxBin;
        this.bins = bins;
        this.eps = eps;
    }

    /** The loss with OpenFold's training settings. */
    public static DistogramLoss openFold(Ops ops) {
        return new DistogramLoss(ops, MIN_BIN, MAX_BIN, BINS, EPS);
    }

    /** The loss, a scalar (averaged over any batch axes). */
    public Tensor loss(Tensor logits, Tensor pseudoBeta, Tensor pseudoBetaMask) {
        DType dtype = logits.dtype();
        Tensor difference = ops.sub(ops.expandDims(pseudoBeta, -2), ops.expandDims(pseudoBeta, -3));
        Tensor squared = ops.sum(ops.square(difference), true, -1);
        Tensor exceeded = ops.cast(ops.greater(squared, squaredBoundaries(dtype)), DType.I32);
        Tensor errors = ops.sparseCrossEntropy(logits, ops.sum(exceeded, false, -1));
        Tensor pairMask = ops.mul(ops.expandDims(pseudoBetaMask, -1), ops.expandDims(pseudoBetaMask, -2));
        Tensor denominator = ops.add(ops.scalar(eps, dtype), ops.sum(pairMask, false, -1, -2));
        Tensor perRow = ops.div(ops.sum(ops.mul(errors, pairMask), false, -1), ops.expandDims(denominator, -1));
        return ops.mean(ops.sum(perRow, false, -1), false);
    }

    private Tensor squaredBoundaries(DType dtype) {
        double[] squares = new double[bins - 1];
        for (int i = 0; i < squares.length; i++) {
            double boundary = minBin + i * (maxBin - minBin) / (bins - 2);
            squares[i] = boundary * boundary;
        }
        return ops.constant(HostTensor.fromDoubles(dtype, Shape.of(squares.length), squares));
    }
}
