package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.residue.AtomTypes;
import io.timelapse.plugin.openfold.residue.ResidueTypes;
import io.timelapse.plugin.openfold.residue.Stereochemistry;

/**
 * OpenFold's {@code between_residue_bond_loss}: for each pair of consecutive residues (residue indices
 * differing by 1) the flat-bottom violation of the C–N bond length and of the cosines of the angles
 * CA–C–N and C–N–CA, beyond {@code toleranceFactor} standard deviations of their ideal values.
 *
 * <p>Shapes: positions [*, N, 14, 3] (atom14, Å), atom mask [*, N, 14], residue index and aatype [*, N]
 * (integers). N must be known when the graph is built.
 */
public final class BetweenResidueBonds {

    public static final double EPS = 1e-6;

    /** The mean loss of each term [*], and each residue's share of the three [*, N]. */
    public record Result(Tensor cNLossMean, Tensor caCNLossMean, Tensor cNCaLossMean, Tensor perResidueLossSum) {}

    private final Ops ops;
    private final double toleranceFactor;

    public BetweenResidueBonds(Ops ops, double toleranceFactor) {
        this.ops = ops;
        this.toleranceFactor = toleranceFactor;
    }

    public Result of(Tensor positions, Tensor atomMask, Tensor residueIndex, Tensor aatype) {
        long[] dims = Axes.requireTrailing(positions, 3, 3, "between-residue bonds", "positions");
        int axis = dims.length - 3;
        long n = dims[axis];
        DType dtype = positions.dtype();
        Tensor mask = atomMask.dtype() == dtype ? atomMask : ops.cast(atomMask, dtype);

        Tensor thisPositions = ops.split(positions, axis, n - 1, 1).get(0);
        Tensor nextPositions = ops.split(positions, axis, 1, n - 1).get(1);
        Tensor thisMask = ops.split(mask, axis, n - 1, 1).get(0);
        Tensor nextMask = ops.split(mask, axis, 1, n - 1).get(1);
        Tensor thisCa = atom(thisPositions, AtomTypes.CA, axis);
        Tensor thisC = atom(thisPositions, AtomTypes.C, axis);
        Tensor nextN = atom(nextPositions, AtomTypes.N, axis);
        Tensor nextCa = atom(nextPositions, AtomTypes.CA, axis);
        Tensor thisCaMask = atom(thisMask, AtomTypes.CA, axis);
        Tensor thisCMask = atom(thisMask, AtomTypes.C, axis);
        Tensor nextNMask = atom(nextMask, AtomTypes.N, axis);
        Tensor nextCaMask = atom(nextMask, AtomTypes.CA, axis);
        Tensor gap = ops.sub(ops.split(residueIndex, axis, 1, n - 1).get(1), ops.split(residueIndex, axis, n - 1, 1).get(0));
        Tensor noGap = ops.cast(ops.equal(gap, ops.scalar(1, residueIndex.dtype())), dtype);

        Tensor cNLength = length(ops.sub(thisC, nextN));
        Tensor nextIsProline = ops.cast(ops.equal(ops.split(aatype, axis, 1, n - 1).get(1),
                ops.scalar(ResidueTypes.fromThreeLetter("PRO"), aatype.dtype())), dtype);
        Tensor idealLength = either(nextIsProline, Stereochemistry.BETWEEN_RES_BOND_LENGTH_C_N);
        Tensor lengthStddev = either(nextIsProline, Stereochemistry.BETWEEN_RES_BOND_LENGTH_STDDEV_C_N);
        Tensor cNLoss = violation(cNLength, idealLength, lengthStddev);
        Tensor cNMask = ops.mul(ops.mul(thisCMask, nextNMask), noGap);

        Tensor cToCa = unit(ops.sub(thisCa, thisC));
        Tensor cToN = ops.div(ops.sub(nextN, thisC), ops.expandDims(cNLength, -1));
        Tensor nToCa = unit(ops.sub(nextCa, nextN));
        Tensor caCNCos = ops.sum(ops.mul(cToCa, cToN), false, -1);
        // As in AlphaFold and OpenFold, the CA-C-N tolerance uses the C-N bond length's standard deviation.
        Tensor caCNLoss = violation(caCNCos, scalar(Stereochemistry.BETWEEN_RES_COS_ANGLES_CA_C_N[0], dtype),
                scalar(Stereochemistry.BETWEEN_RES_BOND_LENGTH_STDDEV_C_N[0], dtype));
        Tensor caCNMask = ops.mul(thisCaMask, cNMask);
        Tensor cNCaCos = ops.sum(ops.mul(ops.neg(cToN), nToCa), false, -1);
        Tensor cNCaLoss = violation(cNCaCos, scalar(Stereochemistry.BETWEEN_RES_COS_ANGLES_C_N_CA[0], dtype),
                scalar(Stereochemistry.BETWEEN_RES_COS_ANGLES_C_N_CA[1], dtype));
        Tensor cNCaMask = ops.mul(ops.mul(ops.mul(thisCMask, nextNMask), nextCaMask), noGap);

        Tensor perPair = ops.add(ops.add(cNLoss, caCNLoss), cNCaLoss);
        Tensor perResidue = ops.mul(scalar(0.5, dtype), ops.add(padLast(perPair, 0, 1), padLast(perPair, 1, 0)));
        return new Result(maskedMean(cNLoss, cNMask), maskedMean(caCNLoss, caCNMask), maskedMean(cNCaLoss, cNCaMask),
                perResidue);
    }

    /** relu(√(eps + (value − ideal)²) − toleranceFactor · stddev). */
    private Tensor violation(Tensor value, Tensor ideal, Tensor stddev) {
        Tensor error = ops.sqrt(ops.add(scalar(EPS, value.dtype()), ops.square(ops.sub(value, ideal))));
        return ops.relu(ops.sub(error, ops.mul(scalar(toleranceFactor, value.dtype()), stddev)));
    }

    private Tensor maskedMean(Tensor loss, Tensor mask) {
        return ops.div(ops.sum(ops.mul(mask, loss), false, -1), ops.add(ops.sum(mask, false, -1), scalar(EPS, loss.dtype())));
    }

    /** values[0] where {@code flag} is 0, values[1] where it is 1. */
    private Tensor either(Tensor flag, double[] values) {
        Tensor other = ops.sub(scalar(1, flag.dtype()), flag);
        return ops.add(ops.mul(other, scalar(values[0], flag.dtype())), ops.mul(flag, scalar(values[1], flag.dtype())));
    }

    private Tensor length(Tensor vector) {
        return ops.sqrt(ops.add(scalar(EPS, vector.dtype()), ops.sum(ops.square(vector), false, -1)));
    }

    private Tensor unit(Tensor vector) {
        return ops.div(vector, ops.expandDims(length(vector), -1));
    }

    /** The atom14 slot {@code slot} of x, whose atom axis follows the residue axis. */
    private Tensor atom(Tensor x, int slot, int residueAxis) {
        return ops.gather(x, ops.constant(HostTensor.scalar(slot)), residueAxis + 1);
    }

    private Tensor padLast(Tensor x, long before, long after) {
        long[][] paddings = new long[x.shape().rank()][2];
        paddings[paddings.length - 1] = new long[] {before, after};
        return ops.pad(x, paddings, 0);
    }

    private Tensor scalar(double value, DType dtype) {
        return ops.scalar(value, dtype);
    }
}
