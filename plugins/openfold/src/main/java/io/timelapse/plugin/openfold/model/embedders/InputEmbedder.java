package io.timelapse.plugin.openfold.model.embedders;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;

/**
 * OpenFold's {@code InputEmbedder} (AF2 Alg. 3–4): the MSA embedding is {@code linear_msa_m(msa_feat)}
 * plus {@code linear_tf_m(target_feat)} on every row; the pair embedding is the outer sum of
 * {@code linear_tf_z_i} and {@code linear_tf_z_j} of the target features plus {@code linear_relpos} of the
 * one-hot residue offset {@code ri_i − ri_j} clipped to [−k, k] (2k + 1 classes).
 */
public final class InputEmbedder extends Module {

    private final long tfDim;
    private final long msaDim;
    private final long relposK;
    private final Linear linearTfZI;
    private final Linear linearTfZJ;
    private final Linear linearTfM;
    private final Linear linearMsaM;
    private final Linear linearRelpos;

    public InputEmbedder(Ops ops, long tfDim, long msaDim, long cZ, long cM, long relposK, DType dtype) {
        super(ops);
        this.tfDim = tfDim;
        this.msaDim = msaDim;
        this.relposK = relposK;
        this.linearTfZI = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_tf_z_i"), tfDim, cZ, true, dtype));
        this.linearTfZJ = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_tf_z_j"), tfDim, cZ, true, dtype));
        this.linearTfM = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_tf_m"), tfDim, cM, true, dtype));
        this.linearMsaM = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_msa_m"), msaDim, cM, true, dtype));
        this.linearRelpos = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_relpos"), 2 * relposK + 1, cZ, true, dtype));
    }

    /**
     * The embeddings of {@code targetFeat [*, N, tf_dim]}, integer {@code residueIndex [*, N]} and
     * {@code msaFeat [*, S, N, msa_dim]}: m [*, S, N, c_m] and z [*, N, N, c_z].
     */
    public Embeddings apply(Tensor targetFeat, Tensor residueIndex, Tensor msaFeat) {
        Ops ops = ops();
        Axes.requireTrailing(targetFeat, 2, tfDim, name(), "target_feat");
        Axes.requireTrailing(msaFeat, 3, msaDim, name(), "msa_feat");
        if (!residueIndex.dtype().isInteger()) {
            throw new IllegalArgumentException(name() + ": residue_index must be integer, not " + residueIndex.dtype());
        }
        Tensor tfM = linearTfM.apply(targetFeat);
        Tensor m = ops.add(linearMsaM.apply(msaFeat), ops.expandDims(tfM, -3));
        Tensor z = ops.add(ops.expandDims(linearTfZI.apply(targetFeat), -2), ops.expandDims(linearTfZJ.apply(targetFeat), -3));
        z = ops.add(z, linearRelpos.apply(relativePositions(residueIndex, targetFeat.dtype())));
        return new Embeddings(m, z);
    }

    /** One-hot of {@code clip(ri_i − ri_j, −k, k) + k} over 2k + 1 classes: [*, N, N, 2k + 1]. */
    private Tensor relativePositions(Tensor residueIndex, DType dtype) {
        Ops ops = ops();
        Tensor ri = residueIndex.dtype() == DType.I32 ? residueIndex : ops.cast(residueIndex, DType.I32);
        Tensor offset = ops.sub(ops.expandDims(ri, -1), ops.expandDims(ri, -2));
        Tensor bin = ops.add(ops.clip(offset, -relposK, relposK), ops.scalar(relposK, DType.I32));
        return ops.oneHot(bin, 2 * relposK + 1, dtype);
    }
}
