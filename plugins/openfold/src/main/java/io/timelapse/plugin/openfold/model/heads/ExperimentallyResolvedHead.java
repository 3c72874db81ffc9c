package io.timelapse.plugin.openfold.model.heads;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.OpenFoldInit;

/** OpenFold's {@code ExperimentallyResolvedHead} (AF2 1.9.10): {@code linear} from each residue's single representation to one logit per atom37 slot. */
public final class ExperimentallyResolvedHead extends Module {

    private final Linear linear;

    public ExperimentallyResolvedHead(Ops ops, long cS, long cOut, DType dtype) {
        super(ops);
        this.linear = child(OpenFoldInit.FINAL.linear(ops.scope("linear"), cS, cOut, true, dtype));
    }

    /** The logits {@code [..., c_out]} of the Evoformer's single representation {@code s [*, N, c_s]}. */
    public Tensor apply(Tensor x) {
        return linear.apply(x);
    }
}
