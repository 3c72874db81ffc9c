package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.residue.AtomTypes;

/**
 * OpenFold's {@code within_residue_violations} (with {@code tighten_bounds_for_loss} 0): each pair of
 * distinct existing atoms of a residue costs how far its distance lies outside [lower, upper] (see
 * {@link io.timelapse.plugin.openfold.residue.Stereochemistry#atom14Bounds}), summed per atom.
 *
 * <p>Shapes: positions [*, N, 14, 3], atom mask [*, N, 14], bounds [*, N, 14, 14].
 */
public final class WithinResidueViolations {

    public static final double EPS = 1e-10;

    private final Ops ops;

    public WithinResidueViolations(Ops ops) {
        this.ops = ops;
    }

    /** Each atom's summed violation [*, N, 14]. */
    public Tensor perAtomLossSum(Tensor positions, Tensor atomMask, Tensor lowerBound, Tensor upperBound) {
        DType dtype = positions.dtype();
        Tensor mask = cast(atomMask, dtype);
        int n = AtomTypes.NUM_ATOM14;
        double[] offDiagonal = new double[n * n];
        for (int i = 0; i < offDiagonal.length; i++) {
            offDiagonal[i] = i % (n + 1) == 0 ? 0 : 1;
        }
        Tensor pairs = ops.mul(ops.mul(ops.expandDims(mask, -1), ops.expandDims(mask, -2)),
                cast(ops.constant(HostTensor.of(offDiagonal, n, n)), dtype));
        Tensor difference = ops.sub(ops.expandDims(positions, -2), ops.expandDims(positions, -3));
        Tensor distances = ops.sqrt(ops.add(ops.scalar(EPS, dtype), ops.sum(ops.square(difference), false, -1)));
        Tensor tooClose = ops.relu(ops.sub(cast(lowerBound, dtype), distances));
        Tensor tooFar = ops.relu(ops.sub(distances, cast(upperBound, dtype)));
        Tensor loss = ops.mul(pairs, ops.add(tooClose, tooFar));
        return ops.add(ops.sum(loss, false, -2), ops.sum(loss, false, -1));
    }

    private Tensor cast(Tensor x, DType dtype) {
        return x.dtype() == dtype ? x : ops.cast(x, dtype);
    }
}
