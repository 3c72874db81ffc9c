package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/**
 * OpenFold's {@code compute_renamed_ground_truth} (AF2 Alg. 26): for each residue, the naming of its
 * ambiguous atoms (for example OD1/OD2 of Asp) under which the ground truth's distances from those
 * atoms to all unambiguous atoms best match the predicted ones, and the ground truth renamed that way.
 *
 * <p>Shapes: atom14 positions [*, N, 14, 3], atom14 masks [*, N, 14]. The choice is a comparison, so as
 * in OpenFold no gradient reaches the predicted positions through it.
 */
public final class RenamedGroundTruth {

    /** OpenFold's default eps inside the distance and error square roots. */
    public static final double EPS = 1e-10;

    private final Ops ops;
    private final double eps;

    public RenamedGroundTruth(Ops ops, double eps) {
        this.ops = ops;
        this.eps = eps;
    }

    public static RenamedGroundTruth openFold(Ops ops) {
        return new RenamedGroundTruth(ops, EPS);
    }

    /**
     * The renamed ground truth: positions [*, N, 14, 3], exists [*, N, 14] and alt naming is better
     * [*, N] (1 where the swapped naming was chosen, 0 otherwise).
     */
    public record Renamed(Tensor positions, Tensor exists, Tensor altNamingIsBetter) {}

    public Renamed of(Tensor predictedPositions, Tensor gtPositions, Tensor altGtPositions, Tensor gtExists,
            Tensor altGtExists, Tensor atomIsAmbiguous) {
        Tensor predictedDistances = distances(ops.stopGradient(predictedPositions));
        Tensor error = distanceError(predictedDistances, distances(gtPositions));
        Tensor altError = distanceError(predictedDistances, distances(altGtPositions));
        // mask[i, j, a, b]: atom a of residue i is ambiguous, atom b of residue j is not, both exist.
        Tensor ambiguous = ops.mul(gtExists, atomIsAmbiguous);
        Tensor unambiguous = ops.mul(gtExists, ops.sub(ops.scalar(1, atomIsAmbiguous.dtype()), atomIsAmbiguous));
        Tensor mask = ops.mul(ops.expandDims(ops.expandDims(ambiguous, -1), -3),
                ops.expandDims(ops.expandDims(unambiguous, -2), -4));
        Tensor perResidue = ops.sum(ops.mul(mask, error), false, -1, -2, -3);
        Tensor altPerResidue = ops.sum(ops.mul(mask, altError), false, -1, -2, -3);
        Tensor altIsBetter = ops.cast(ops.less(altPerResidue, perResidue), gtPositions.dtype());
        Tensor perAtom = ops.expandDims(altIsBetter, -1);
        return new Renamed(blend(ops, ops.expandDims(perAtom, -1), gtPositions, altGtPositions),
                blend(ops, perAtom, gtExists, altGtExists), altIsBetter);
    }

    /** (1 − alt)·truth + alt·altTruth: OpenFold's pick between the two namings, alt broadcasting. */
    static Tensor blend(Ops ops, Tensor alt, Tensor truth, Tensor altTruth) {
        return ops.add(ops.mul(ops.sub(ops.scalar(1, alt.dtype()), alt), truth), ops.mul(alt, altTruth));
    }

    /** √(eps + |x[i, a] − x[j, b]|²) for atom14 positions [*, N, 14, 3]: [*, N, N, 14, 14]. */
    private Tensor distances(Tensor positions) {
        Tensor rows = ops.expandDims(ops.expandDims(positions, -2), -4);
        Tensor columns = ops.expandDims(ops.expandDims(positions, -3), -5);
        return ops.sqrt(ops.add(ops.sum(ops.square(ops.sub(rows, columns)), false, -1), ops.scalar(eps, positions.dtype())));
    }

    private Tensor distanceError(Tensor predicted, Tensor truth) {
        return ops.sqrt(ops.add(ops.square(ops.sub(predicted, truth)), ops.scalar(eps, predicted.dtype())));
    }
}
