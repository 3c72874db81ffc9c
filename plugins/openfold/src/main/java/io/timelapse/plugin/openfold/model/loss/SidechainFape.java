package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.structure.Frames;
import java.util.OptionalDouble;

/**
 * OpenFold's {@code sidechain_loss} (AF2 Alg. 20, side-chain part): the {@link Fape} of the last
 * structure-module layer's atom14 positions seen from all 8 rigid-group frames of every residue, against
 * the ground truth under the naming {@link RenamedGroundTruth} chose (frames from
 * {@code rigidgroups_gt_frames} or {@code rigidgroups_alt_gt_frames} per residue).
 *
 * <p>Shapes: trajectories of side-chain frames [layers, *, N, 8, 4, 4] and atom14 positions
 * [layers, *, N, 14, 3]; ground-truth frames [*, N, 8, 4, 4] with existence [*, N, 8]. The result is [*].
 */
public final class SidechainFape {

    /** OpenFold's {@code loss.fape.sidechain} settings. */
    public static final double CLAMP_DISTANCE = 10.0;
    public static final double LENGTH_SCALE = 10.0;
    public static final double EPS = 1e-4;

    private final Ops ops;
    private final Fape fape;

    public SidechainFape(Ops ops, double clampDistance, double lengthScale, double eps) {
        this.ops = ops;
        this.fape = new Fape(ops, OptionalDouble.of(clampDistance), lengthScale, eps);
    }

    /** The loss with OpenFold's training settings. */
    public static SidechainFape openFold(Ops ops) {
        return new SidechainFape(ops, CLAMP_DISTANCE, LENGTH_SCALE, EPS);
    }

    public Tensor loss(Tensor sidechainFrames, Tensor positions, Tensor gtFrames, Tensor altGtFrames, Tensor gtFramesExist,
            RenamedGroundTruth.Renamed renamed) {
        Tensor alt = ops.expandDims(ops.expandDims(ops.expandDims(renamed.altNamingIsBetter(), -1), -1), -1);
        Tensor renamedFrames = RenamedGroundTruth.blend(ops, alt, gtFrames, altGtFrames);
        Frames predicted = Frames.fromTensor4x4(ops, flatten(lastLayer(sidechainFrames, "side-chain frames"), 4));
        Frames target = Frames.fromTensor4x4(ops, flatten(renamedFrames, 4));
        Tensor predictedPoints = flatten(lastLayer(positions, "atom14 positions"), 3);
        return fape.of(predicted, target, flatten(gtFramesExist, 2), predictedPoints, flatten(renamed.positions(), 3),
                flatten(renamed.exists(), 2));
    }

    /** The last entry of the leading layer axis. */
    private Tensor lastLayer(Tensor trajectory, String what) {
        Axes.dims(trajectory, "side-chain FAPE", what);
        return Axes.select(ops, trajectory, 0, -1);
    }

    private Tensor flatten(Tensor x, int fromEnd) {
        return ResidueAxes.merge(ops, x, fromEnd, "side-chain FAPE");
    }
}
