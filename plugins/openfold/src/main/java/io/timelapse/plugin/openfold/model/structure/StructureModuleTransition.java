package io.timelapse.plugin.openfold.model.structure;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Dropout;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenFold's {@code StructureModuleTransition} (AF2 Alg. 20 lines 8-9): {@code layers.K} residual layers
 * s + {@code linear_3}(ReLU({@code linear_2}(ReLU({@code linear_1}(s))))), then dropout and
 * {@code layer_norm}. Returns the new single representation, not an update.
 */
public final class StructureModuleTransition extends Module {

    private final long c;
    private final List<Layer> layers = new ArrayList<>();
    private final Dropout dropout;
    private final LayerNorm layerNorm;

    public StructureModuleTransition(Ops ops, long c, int layerCount, double dropoutRate, DType dtype) {
        super(ops);
        this.c = c;
        for (int k = 0; k < layerCount; k++) {
            layers.add(child(new Layer(ops.scope("layers").scope(String.valueOf(k)), c, dtype)));
        }
        this.dropout = new Dropout(ops.scope("dropout"), dropoutRate);
        this.layerNorm = child(new LayerNorm(ops.scope("layer_norm"), c, dtype));
    }

    /** The transition of {@code s [*, c_s]}; dropout only when {@code training}. */
    public Tensor apply(Tensor s, Tensor step, boolean training) {
        Axes.requireTrailing(s, 1, c, name(), "the single representation");
        for (Layer layer : layers) {
            s = layer.apply(s);
        }
        return layerNorm.apply(dropout.apply(s, step, training));
    }

    /** OpenFold's {@code StructureModuleTransitionLayer}. */
    private static final class Layer extends Module {

        private final Linear linear1;
        private final Linear linear2;
        private final Linear linear3;

        Layer(Ops ops, long c, DType dtype) {
            super(ops);
            this.linear1 = child(OpenFoldInit.RELU.linear(ops.scope("linear_1"), c, c, true, dtype));
            this.linear2 = child(OpenFoldInit.RELU.linear(ops.scope("linear_2"), c, c, true, dtype));
            this.linear3 = child(OpenFoldInit.FINAL.linear(ops.scope("linear_3"), c, c, true, dtype));
        }

        Tensor apply(Tensor s) {
            Ops ops = ops();
            return ops.add(s, linear3.apply(ops.relu(linear2.apply(ops.relu(linear1.apply(s))))));
        }
    }
}
