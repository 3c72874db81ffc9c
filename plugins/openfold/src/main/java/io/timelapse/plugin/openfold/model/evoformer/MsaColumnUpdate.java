package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.Tensor;

/** The column attention of an MSA block: the main stack's {@link MsaColumnAttention}, the extra-MSA stack's global one. */
public interface MsaColumnUpdate {

    /** The update of {@code m [*, S, N, c_m]} under {@code mask [*, S, N]} (null: no masking). */
    Tensor apply(Tensor m, Tensor mask);
}
