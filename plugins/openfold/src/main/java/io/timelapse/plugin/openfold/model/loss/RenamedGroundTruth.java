package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.Axes;

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
        // All N·14 atoms in one axis keeps every broadcast within the 5 axes TensorFlow's CPU kernels handle.
        Tensor predictedDistances = distances(atoms(ops.stopGradient(predictedPositions), 3));
        Tensor error = distanceError(predictedDistances, distances(atoms(gtPositions, 3)));
        Tensor altError = distanceError(predictedDistances, distances(atoms(altGtPositions, 3)));
        // mask[(i, a), (j, b)]: atom a of residue i is ambiguous, atom b of residue j is not, both exist.
        Tensor ambiguous = ops.mul(gtExists, atomIsAmbiguous);
        Tensor unambiguous = ops.mul(gtExists, ops.sub(ops.scalar(1, atomIsAmbiguous.dtype()), atomIsAmbiguous));
        Tensor mask = ops.mul(ops.expandDims(atoms(ambiguous, 2), -1), ops.expandDims(atoms(unambiguous, 2), -2));
        long[] residueShape = Axes.dims(gtExists, "renamed ground truth", "atom14 existence");
        Tensor perResidue = perResidue(ops.mul(mask, error), residueShape);
        Tensor altPerResidue = perResidue(ops.mul(mask, altError), residueShape);
        Tensor altIsBetter = ops.cast(ops.less(altPerResidue, perResidue), gtPositions.dtype());
        Tensor perAtom = ops.expandDims(altIsBetter, -1);
        return new Renamed(blend(ops, ops.expandDims(perAtom, -1), gtPositions, altGtPositions),
                blend(ops, perAtom, gtExists, altGtExists), altIsBetter);
    }

    /** (1 − alt)·truth + alt·altTruth: OpenFold's pick between the two namings, alt broadcasting. */
    static Tensor blend(Ops ops, Tensor alt, Tensor truth, Tensor altTruth) {
        return ops.add(ops.mul(ops.sub(ops.scalar(1, alt.dtype()), alt), truth), ops.mul(alt, altTruth));
    }

    private Tensor atoms(Tensor x, int fromEnd) {
        return ResidueAxes.merge(ops, x, fromEnd, "renamed ground truth");
    }

    /** The sums over all (j, b) of errors [*, N·14, N·14], per residue i: [*, N]. */
    private Tensor perResidue(Tensor errors, long[] residueShape) {
        return ops.sum(ops.reshape(ops.sum(errors, false, -1), residueShape), false, -1);
    }

    /** √(eps + |x_p − x_q|²) for atom positions [*, M, 3]: [*, M, M]. */
    private Tensor distances(Tensor positions) {
        Tensor difference = ops.sub(ops.expandDims(positions, -2), ops.expandDims(positions, -3));
        return ops.sqrt(ops.add(ops.sum(ops.square(difference), false, -1), ops.scalar(eps, positions.dtype())));
    }

    private Tensor distanceError(Tensor predicted, Tensor truth) {
        return ops.sqrt(ops.add(ops.square(ops.sub(predicted, truth)), ops.scalar(eps, predicted.dtype())));
    }
}
