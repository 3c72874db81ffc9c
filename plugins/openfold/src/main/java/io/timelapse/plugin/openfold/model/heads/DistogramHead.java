package io.timelapse.plugin.openfold.model.heads;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;

/** OpenFold's {@code DistogramHead} (AF2 1.9.8): {@code linear} on the pair representation, symmetrised over i, j. */
public final class DistogramHead extends Module {

    private final Linear linear;

    public DistogramHead(Ops ops, long cZ, long noBins, DType dtype) {
        super(ops);
        this.linear = child(OpenFoldInit.FINAL.linear(ops.scope("linear"), cZ, noBins, true, dtype));
    }

    /** The distogram logits {@code [*, N, N, no_bins]} of {@code z [*, N, N, c_z]}: l + lᵀ. */
    public Tensor apply(Tensor z) {
        Ops ops = ops();
        Tensor logits = linear.apply(z);
        return ops.add(logits, Axes.swapPairAxes(ops, logits));
    }
}
