package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;

/**
 * The resolution range [min, max] Å of the structures whose confidence losses (pLDDT, experimentally
 * resolved) count: OpenFold multiplies those losses by (min ≤ resolution ≤ max).
 */
record ResolutionWindow(double min, double max) {

    /** OpenFold's window for both losses. */
    static final ResolutionWindow OPENFOLD = new ResolutionWindow(0.1, 3.0);

    /** 1 where {@code resolution} (a scalar or [*]) lies in the window, else 0, as {@code dtype}. */
    Tensor weight(Ops ops, Tensor resolution, DType dtype) {
        Tensor value = ops.cast(resolution, dtype);
        Tensor inside = ops.logicalAnd(ops.greaterEqual(value, ops.scalar(min, dtype)),
                ops.lessEqual(value, ops.scalar(max, dtype)));
        return ops.cast(inside, dtype);
    }
}
