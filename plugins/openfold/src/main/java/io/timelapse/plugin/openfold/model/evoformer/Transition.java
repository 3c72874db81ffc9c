package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;

/**
 * OpenFold's {@code MSATransition} (AF2 Alg. 9) and {@code PairTransition} (Alg. 15), which compute the
 * same thing on the MSA and on the pair representation: {@code layer_norm}, {@code linear_1} widening c to
 * n·c, ReLU, {@code linear_2} back to c, then zeroed where the mask is 0. Returns the update only.
 */
public final class Transition extends Module {

    private final long c;
    private final LayerNorm layerNorm;
    private final Linear linear1;
    private final Linear linear2;

    public Transition(Ops ops, long c, long n, DType dtype) {
        super(ops);
        this.c = c;
        this.layerNorm = child(new LayerNorm(ops.scope("layer_norm"), c, dtype));
        this.linear1 = child(OpenFoldInit.RELU.linear(ops.scope("linear_1"), c, n * c, true, dtype));
        this.linear2 = child(OpenFoldInit.FINAL.linear(ops.scope("linear_2"), n * c, c, true, dtype));
    }

    /**
     * The update of {@code x [*, c]} under {@code mask [*]} (null: no masking, as the Evoformer runs it with
     * OpenFold's {@code _mask_trans=False}).
     */
    public Tensor apply(Tensor x, Tensor mask) {
        Ops ops = ops();
        Axes.requireTrailing(x, 1, c, name(), "the input");
        Tensor update = linear2.apply(ops.relu(linear1.apply(layerNorm.apply(x))));
        return mask == null ? update : ops.mul(update, ops.expandDims(mask, -1));
    }
}
