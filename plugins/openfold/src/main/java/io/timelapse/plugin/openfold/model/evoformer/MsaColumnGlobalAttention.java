package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.GlobalAttention;

/**
 * OpenFold's {@code MSAColumnGlobalAttention} (AF2 Alg. 19), the extra-MSA stack's column attention:
 * {@code layer_norm_m}, then {@code global_attention} among the MSA rows of each residue column under the
 * mask. Returns the update only.
 */
public final class MsaColumnGlobalAttention extends Module implements MsaColumnUpdate {

    private final long cM;
    private final LayerNorm layerNormM;
    private final GlobalAttention globalAttention;

    public MsaColumnGlobalAttention(Ops ops, long cM, long cHidden, long heads, double inf, double eps, DType dtype) {
        super(ops);
        this.cM = cM;
        this.layerNormM = child(new LayerNorm(ops.scope("layer_norm_m"), cM, dtype));
        this.globalAttention = child(new GlobalAttention(ops.scope("global_attention"), cM, cHidden, heads, inf, eps, dtype));
    }

    @Override
    public Tensor apply(Tensor m, Tensor mask) {
        Ops ops = ops();
        long[] dims = Axes.requireTrailing(m, 3, cM, name(), "the MSA representation");
        return MsaColumnUpdate.overColumns(ops, m, mask, dims, layerNormM, globalAttention::apply);
    }
}
