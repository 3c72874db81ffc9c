package io.timelapse.plugin.openfold.model.heads;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.OpenFoldInit;

/** OpenFold's {@code MaskedMSAHead} (AF2 1.9.9): {@code linear} from each MSA entry to the 23 residue classes. */
public final class MaskedMsaHead extends Module {

    private final Linear linear;

    public MaskedMsaHead(Ops ops, long cM, long cOut, DType dtype) {
        super(ops);
        this.linear = child(OpenFoldInit.FINAL.linear(ops.scope("linear"), cM, cOut, true, dtype));
    }

    /** The logits {@code [..., c_out]} of the MSA {@code m [*, S, N, c_m]}. */
    public Tensor apply(Tensor x) {
        return linear.apply(x);
    }
}
