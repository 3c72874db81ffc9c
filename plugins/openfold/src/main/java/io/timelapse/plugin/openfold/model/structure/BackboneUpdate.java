package io.timelapse.plugin.openfold.model.structure;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;

/**
 * OpenFold's {@code BackboneUpdate} (AF2 Alg. 23 line 1): {@code linear} from c_s to the six numbers
 * (b, c, d, tx, ty, tz) of a backbone frame update, applied by {@link Backbone#update}.
 */
public final class BackboneUpdate extends Module {

    private final long cS;
    private final Linear linear;

    public BackboneUpdate(Ops ops, long cS, DType dtype) {
        super(ops);
        this.cS = cS;
        this.linear = child(OpenFoldInit.FINAL.linear(ops.scope("linear"), cS, 6, true, dtype));
    }

    /** The updates [*, N, 6] of single representation {@code s [*, N, c_s]}. */
    public Tensor apply(Tensor s) {
        Axes.requireTrailing(s, 1, cS, name(), "the single representation");
        return linear.apply(s);
    }
}
