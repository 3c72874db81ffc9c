package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.plugin.openfold.model.Axes;
import java.util.Arrays;
import java.util.function.BiFunction;

/** The column attention of an MSA block: the main stack's {@link MsaColumnAttention}, the extra-MSA stack's global one. */
public interface MsaColumnUpdate {

    /** The update of {@code m [*, S, N, c_m]} under {@code mask [*, S, N]} (null: no masking). */
    Tensor apply(Tensor m, Tensor mask);

    /**
     * What both column attentions share: {@code m} with rows and columns swapped and layer-normalised, handed to
     * {@code attend} with the swapped mask (ones where null), and the result swapped back.
     */
    static Tensor overColumns(Ops ops, Tensor m, Tensor mask, long[] dims, LayerNorm layerNorm,
                              BiFunction<Tensor, Tensor, Tensor> attend) {
        Tensor columnMask = Axes.swapLast(ops, Axes.maskOrOnes(ops, mask, Arrays.copyOf(dims, dims.length - 1), m));
        return Axes.swapPairAxes(ops, attend.apply(layerNorm.apply(Axes.swapPairAxes(ops, m)), columnMask));
    }
}
