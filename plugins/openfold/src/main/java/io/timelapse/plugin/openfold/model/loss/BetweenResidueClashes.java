package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.residue.ResidueTypes;

/**
 * OpenFold's {@code between_residue_clash_loss}: every pair of existing atoms in two different residues
 * closer than the sum of their van der Waals radii minus {@code overlapTolerance} costs the overlap.
 * Pairs are counted once (residue index i &lt; j); the C–N peptide bond of consecutive residues and any
 * two atoms in the cysteine SG slot (a disulfide bridge) are not clashes.
 *
 * <p>Shapes: positions [*, N, 14, 3], atom mask and radii [*, N, 14], residue index [*, N].
 */
public final class BetweenResidueClashes {

    public static final double EPS = 1e-10;

    /** The mean overlap over the counted pairs [*], and each atom's summed overlap [*, N, 14]. */
    public record Result(Tensor meanLoss, Tensor perAtomLossSum) {}

    private final Ops ops;
    private final double overlapTolerance;

    public BetweenResidueClashes(Ops ops, double overlapTolerance) {
        this.ops = ops;
        this.overlapTolerance = overlapTolerance;
    }

    public Result of(Tensor positions, Tensor atomMask, Tensor atomRadius, Tensor residueIndex) {
        DType dtype = positions.dtype();
        // [*, N, N, 14, 14]: residue i, residue j, atom of i, atom of j.
        Tensor first = ops.expandDims(ops.expandDims(positions, -3), -2);
        Tensor second = ops.expandDims(ops.expandDims(positions, -4), -3);
        Tensor distances = ops.sqrt(ops.add(ops.scalar(EPS, dtype), ops.sum(ops.square(ops.sub(first, second)), false, -1)));

        Tensor mask = ops.mul(ofFirst(cast(atomMask, dtype)), ofSecond(cast(atomMask, dtype)));
        Tensor indexI = ops.expandDims(ops.expandDims(ops.expandDims(residueIndex, -1), -1), -1);
        Tensor indexJ = ops.expandDims(ops.expandDims(ops.expandDims(residueIndex, -2), -1), -1);
        mask = ops.mul(mask, ops.cast(ops.less(indexI, indexJ), dtype));
        Tensor neighbours = ops.cast(ops.equal(ops.add(indexI, ops.scalar(1, residueIndex.dtype())), indexJ), dtype);
        Tensor peptideBond = ops.mul(neighbours, pairOfSlots(AtomTypes.C, AtomTypes.N, dtype));
        mask = ops.mul(mask, ops.sub(ops.scalar(1, dtype), peptideBond));
        int sg = AtomTypes.atom14Slot(ResidueTypes.fromThreeLetter("CYS"), "SG");
        mask = ops.mul(mask, ops.sub(ops.scalar(1, dtype), pairOfSlots(sg, sg, dtype)));

        Tensor radius = cast(atomRadius, dtype);
        Tensor lowerBound = ops.mul(mask, ops.add(ofFirst(radius), ofSecond(radius)));
        Tensor error = ops.mul(mask, ops.relu(ops.sub(ops.sub(lowerBound, ops.scalar(overlapTolerance, dtype)), distances)));
        Tensor meanLoss = ops.div(ops.sum(error, false, -4, -3, -2, -1),
                ops.add(ops.scalar(1e-6, dtype), ops.sum(mask, false, -4, -3, -2, -1)));
        Tensor perAtom = ops.add(ops.sum(error, false, -4, -2), ops.sum(error, false, -3, -1));
        return new Result(meanLoss, perAtom);
    }

    /** [*, N, 14] as [*, N, 1, 14, 1]. */
    private Tensor ofFirst(Tensor x) {
        return ops.expandDims(ops.expandDims(x, -2), -1);
    }

    /** [*, N, 14] as [*, 1, N, 1, 14]. */
    private Tensor ofSecond(Tensor x) {
        return ops.expandDims(ops.expandDims(x, -3), -2);
    }

    /** A [14, 14] matrix with a single 1 at (first, second). */
    private Tensor pairOfSlots(int first, int second, DType dtype) {
        double[] values = new double[AtomTypes.NUM_ATOM14 * AtomTypes.NUM_ATOM14];
        values[first * AtomTypes.NUM_ATOM14 + second] = 1;
        return cast(ops.constant(HostTensor.of(values, AtomTypes.NUM_ATOM14, AtomTypes.NUM_ATOM14)), dtype);
    }

    private Tensor cast(Tensor x, DType dtype) {
        return x.dtype() == dtype ? x : ops.cast(x, dtype);
    }
}
