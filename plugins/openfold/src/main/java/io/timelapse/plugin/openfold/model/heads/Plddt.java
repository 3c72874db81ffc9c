package io.timelapse.plugin.openfold.model.heads;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;

/** OpenFold's {@code compute_plddt}: the expected lDDT-Cα under the softmax of the bins, on a 0–100 scale. */
public final class Plddt {

    private Plddt() {}

    /** pLDDT {@code [*, N]} of lDDT logits {@code [*, N, bins]}, each bin standing for its centre in [0, 1]. */
    public static Tensor compute(Ops ops, Tensor logits) {
        int bins = (int) logits.shape().dim(-1);
        double[] centres = new double[bins];
        for (int i = 0; i < bins; i++) {
            centres[i] = (i + 0.5) / bins * 100;
        }
        Tensor bounds = ops.constant(HostTensor.fromDoubles(logits.dtype(), Shape.of(bins), centres));
        return ops.sum(ops.mul(ops.softmax(logits, -1), bounds), false, -1);
    }
}
