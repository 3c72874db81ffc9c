package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.model.Axes;

/** Merging a residue axis with the per-residue axis after it (atoms or rigid groups), as OpenFold's losses do. */
final class ResidueAxes {

    private ResidueAxes() {}

    /**
     * x [*, N, G, trailing…] as [*, N·G, trailing…], where N is the axis {@code fromEnd} places from the
     * end (2 plus the number of trailing axes).
     */
    static Tensor merge(Ops ops, Tensor x, int fromEnd, String who) {
        long[] dims = Axes.dims(x, who, "an input");
        int lead = dims.length - fromEnd;
        long[] shape = new long[dims.length - 1];
        System.arraycopy(dims, 0, shape, 0, lead);
        shape[lead] = dims[lead] * dims[lead + 1];
        System.arraycopy(dims, lead + 2, shape, lead + 1, dims.length - lead - 2);
        return ops.reshape(x, shape);
    }
}
