package io.timelapse.plugin.openfold.model.heads;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.OpenFoldInit;

/**
 * OpenFold's {@code PerResidueLDDTCaPredictor} (AF2 Alg. 29): {@code layer_norm}, {@code linear_1}, ReLU,
 * {@code linear_2}, ReLU, {@code linear_3} to the lDDT-Cα bins, on the structure module's single representation.
 */
public final class PlddtHead extends Module {

    private final LayerNorm layerNorm;
    private final Linear linear1;
    private final Linear linear2;
    private final Linear linear3;

    public PlddtHead(Ops ops, long cIn, long cHidden, long noBins, DType dtype) {
        super(ops);
        this.layerNorm = child(new LayerNorm(ops.scope("layer_norm"), cIn, dtype));
        this.linear1 = child(OpenFoldInit.RELU.linear(ops.scope("linear_1"), cIn, cHidden, true, dtype));
        this.linear2 = child(OpenFoldInit.RELU.linear(ops.scope("linear_2"), cHidden, cHidden, true, dtype));
        this.linear3 = child(OpenFoldInit.FINAL.linear(ops.scope("linear_3"), cHidden, noBins, true, dtype));
    }

    /** The lDDT logits {@code [*, N, no_bins]} of {@code s [*, N, c_in]}. */
    public Tensor apply(Tensor s) {
        Ops ops = ops();
        Tensor hidden = ops.relu(linear2.apply(ops.relu(linear1.apply(layerNorm.apply(s)))));
        return linear3.apply(hidden);
    }
}
