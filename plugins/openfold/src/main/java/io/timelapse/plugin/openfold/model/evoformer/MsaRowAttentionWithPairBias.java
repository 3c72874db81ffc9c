package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Attention;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;
import java.util.Arrays;
import java.util.List;

/**
 * OpenFold's {@code MSARowAttentionWithPairBias} (AF2 Alg. 7): gated attention along the residues of
 * each normalised MSA row, biased by the mask and by a per-head projection ({@code linear_z}, no bias)
 * of the normalised pair representation. Returns the MSA update only.
 */
public final class MsaRowAttentionWithPairBias extends Module {

    private final long cM;
    private final long cZ;
    private final double inf;
    private final LayerNorm layerNormM;
    private final LayerNorm layerNormZ;
    private final Linear linearZ;
    private final Attention mha;

    public MsaRowAttentionWithPairBias(Ops ops, long cM, long cZ, long cHidden, long heads, double inf, DType dtype) {
        super(ops);
        this.cM = cM;
        this.cZ = cZ;
        this.inf = inf;
        this.layerNormM = child(new LayerNorm(ops.scope("layer_norm_m"), cM, dtype));
        this.layerNormZ = child(new LayerNorm(ops.scope("layer_norm_z"), cZ, dtype));
        this.linearZ = child(OpenFoldInit.NORMAL.linear(ops.scope("linear_z"), cZ, heads, false, dtype));
        this.mha = child(new Attention(ops.scope("mha"), cM, cM, cHidden, heads, dtype));
    }

    /**
     * The update of {@code m [*, S, N, c_m]} given {@code z [*, N, N, c_z]} and {@code mask [*, S, N]}
     * (null: no masking).
     */
    public Tensor apply(Tensor m, Tensor z, Tensor mask) {
        Ops ops = ops();
        long[] dims = Axes.requireTrailing(m, 3, cM, name(), "the MSA representation");
        Axes.requireTrailing(z, 3, cZ, name(), "the pair representation");
        Tensor msaMask = Axes.maskOrOnes(ops, mask, Arrays.copyOf(dims, dims.length - 1), m);
        Tensor x = layerNormM.apply(m);
        Tensor pairBias = ops.expandDims(Axes.permuteFinal(ops, linearZ.apply(layerNormZ.apply(z)), 2, 0, 1), -4);
        return mha.apply(x, x, List.of(Axes.maskBias(ops, msaMask, inf), pairBias));
    }
}
