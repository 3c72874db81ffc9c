package io.timelapse.plugin.openfold.model.structure;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenFold's {@code AngleResnet} (AF2 Alg. 20 lines 11-14): ReLU'd single representation and initial single
 * representation through {@code linear_in} and {@code linear_initial}, summed, {@code layers.K} residual
 * blocks (ReLU, {@code linear_1}, ReLU, {@code linear_2}, plus the block's input), ReLU and {@code linear_out}
 * to {@code no_angles} (sin, cos) pairs. The ReLUs on the inputs are in OpenFold's source, not in the paper.
 */
public final class AngleResnet extends Module {

    /** The predicted pairs [*, no_angles, 2], as predicted and L2-normalised onto the unit circle. */
    public record Angles(Tensor unnormalized, Tensor normalized) {}

    private final long cS;
    private final long angles;
    private final double eps;
    private final Linear linearIn;
    private final Linear linearInitial;
    private final List<Block> layers = new ArrayList<>();
    private final Linear linearOut;

    public AngleResnet(Ops ops, long cS, long cHidden, int blocks, long angles, double eps, DType dtype) {
        super(ops);
        this.cS = cS;
        this.angles = angles;
        this.eps = eps;
        this.linearIn = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_in"), cS, cHidden, true, dtype));
        this.linearInitial = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_initial"), cS, cHidden, true, dtype));
        for (int k = 0; k < blocks; k++) {
            layers.add(child(new Block(ops.scope("layers").scope(String.valueOf(k)), cHidden, dtype)));
        }
        this.linearOut = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_out"), cHidden, angles * 2, true, dtype));
    }

    /** The angles of single representation {@code s [*, N, c_s]} and the structure module's initial one {@code sInitial}. */
    public Angles apply(Tensor s, Tensor sInitial) {
        Ops ops = ops();
        long[] dims = Axes.requireTrailing(s, 1, cS, name(), "the single representation");
        Axes.requireTrailing(sInitial, 1, cS, name(), "the initial single representation");
        Tensor a = ops.add(linearIn.apply(ops.relu(s)), linearInitial.apply(ops.relu(sInitial)));
        for (Block block : layers) {
            a = block.apply(a);
        }
        Tensor raw = ops.reshape(linearOut.apply(ops.relu(a)), Axes.leadingThen(dims, dims.length - 1, angles, 2));
        Tensor squared = ops.sum(ops.square(raw), true, -1);
        Tensor norm = ops.sqrt(ops.maximum(squared, ops.scalar(eps, raw.dtype())));
        return new Angles(raw, ops.div(raw, norm));
    }

    /** OpenFold's {@code AngleResnetBlock}: a + linear_2(ReLU(linear_1(ReLU(a)))). */
    private static final class Block extends Module {

        private final Linear linear1;
        private final Linear linear2;

        Block(Ops ops, long c, DType dtype) {
            super(ops);
            this.linear1 = child(OpenFoldInit.RELU.linear(ops.scope("linear_1"), c, c, true, dtype));
            this.linear2 = child(OpenFoldInit.FINAL.linear(ops.scope("linear_2"), c, c, true, dtype));
        }

        Tensor apply(Tensor a) {
            Ops ops = ops();
            return ops.add(a, linear2.apply(ops.relu(linear1.apply(ops.relu(a)))));
        }
    }
}
