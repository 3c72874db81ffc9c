package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Attention;
import io.timelapse.plugin.openfold.model.Axes;
import java.util.List;

/**
 * OpenFold's {@code MSAColumnAttention} (AF2 Alg. 8): gated attention among the MSA rows of each residue
 * column of the normalised MSA, biased by the mask only. OpenFold runs its unbiased MSA attention on the
 * transposed MSA, hence the weights under {@code _msa_att.layer_norm_m} and {@code _msa_att.mha}. Returns the
 * update only.
 */
public final class MsaColumnAttention extends Module implements MsaColumnUpdate {

    private final long cM;
    private final double inf;
    private final LayerNorm layerNormM;
    private final Attention mha;

    /**
     * Builds the module named {@code name} under {@code parent}, its weights under {@code <name>._msa_att}; the
     * two levels are one scope because graph scope names cannot begin with an underscore.
     */
    public MsaColumnAttention(Ops parent, String name, long cM, long cHidden, long heads, double inf, DType dtype) {
        super(parent.scope(name + "._msa_att"));
        this.cM = cM;
        this.inf = inf;
        this.layerNormM = child(new LayerNorm(ops().scope("layer_norm_m"), cM, dtype));
        this.mha = child(new Attention(ops().scope("mha"), cM, cM, cHidden, heads, dtype));
    }

    @Override
    public Tensor apply(Tensor m, Tensor mask) {
        Ops ops = ops();
        long[] dims = Axes.requireTrailing(m, 3, cM, name(), "the MSA representation");
        return MsaColumnUpdate.overColumns(ops, m, mask, dims, layerNormM,
                (x, columnMask) -> mha.apply(x, x, List.of(Axes.maskBias(ops, columnMask, inf))));
    }
}
