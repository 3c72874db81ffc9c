package io.timelapse.plugin.openfold.model.evoformer;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;
import java.util.Arrays;

/**
 * OpenFold's {@code OuterProductMean} (AF2 Alg. 10): masked projections a ({@code linear_1}) and b
 * ({@code linear_2}) of the normalised MSA, their outer products summed over the MSA rows and flattened
 * (a's channel major), {@code linear_out}, then divided by eps plus the number of rows where both
 * residues are present. Returns the pair update [*, N, N, c_z].
 */
public final class OuterProductMean extends Module {

    private final long cM;
    private final long cHidden;
    private final double eps;
    private final LayerNorm layerNorm;
    private final Linear linear1;
    private final Linear linear2;
    private final Linear linearOut;

    public OuterProductMean(Ops ops, long cM, long cZ, long cHidden, double eps, DType dtype) {
        super(ops);
        this.cM = cM;
        this.cHidden = cHidden;
        this.eps = eps;
        this.layerNorm = child(new LayerNorm(ops.scope("layer_norm"), cM, dtype));
        this.linear1 = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_1"), cM, cHidden, true, dtype));
        this.linear2 = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_2"), cM, cHidden, true, dtype));
        this.linearOut = child(OpenFoldInit.FINAL.linear(ops.scope("linear_out"), cHidden * cHidden, cZ, true, dtype));
    }

    /** The pair update from {@code m [*, S, N, c_m]} under {@code mask [*, S, N]} (null: no masking). */
    public Tensor apply(Tensor m, Tensor mask) {
        Ops ops = ops();
        long[] dims = Axes.requireTrailing(m, 3, cM, name(), "the MSA representation");
        int lead = dims.length - 3;
        long rows = dims[lead];
        long residues = dims[lead + 1];
        Tensor msaMask = Axes.maskOrOnes(ops, mask, Arrays.copyOf(dims, dims.length - 1), m);
        Tensor channelMask = ops.expandDims(msaMask, -1);
        Tensor normed = layerNorm.apply(m);
        Tensor a = ops.mul(linear1.apply(normed), channelMask);
        Tensor b = ops.mul(linear2.apply(normed), channelMask);

        // Σ_s a[s,i,c]·b[s,j,e] as one product of [*, S, N·c] matrices, then [*, N, c, N, c] → [*, N, N, c·c]
        long[] flat = Axes.leadingThen(dims, lead, rows, residues * cHidden);
        Tensor sums = ops.matmul(ops.reshape(a, flat), ops.reshape(b, flat), true, false);
        Tensor outer = ops.reshape(sums, Axes.leadingThen(dims, lead, residues, cHidden, residues, cHidden));
        outer = Axes.permuteFinal(ops, outer, 0, 2, 1, 3);
        outer = linearOut.apply(ops.reshape(outer, Axes.leadingThen(dims, lead, residues, residues, cHidden * cHidden)));

        Tensor pairs = ops.matmul(msaMask, msaMask, true, false);
        Tensor norm = ops.add(ops.expandDims(pairs, -1), ops.scalar(eps, m.dtype()));
        return ops.div(outer, norm);
    }
}
