package io.timelapse.plugin.openfold.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import java.util.Arrays;

/**
 * OpenFold's {@code GlobalAttention} (AF2 Alg. 19 lines 2–7): one query per group, the masked mean of its
 * elements projected by {@code linear_q} into heads; a single key and value head ({@code linear_k/v}) shared
 * by all heads; logits q·kᵀ/√c plus the mask bias, softmax over the elements; then each element's own gate
 * sigmoid({@code linear_g}(x)) on the attended values and {@code linear_o} over the heads' concatenation.
 */
public final class GlobalAttention extends Module {

    private final long cIn;
    private final long cHidden;
    private final long heads;
    private final double inf;
    private final double eps;
    private final Linear linearQ;
    private final Linear linearK;
    private final Linear linearV;
    private final Linear linearG;
    private final Linear linearO;

    public GlobalAttention(Ops ops, long cIn, long cHidden, long heads, double inf, double eps, DType dtype) {
        super(ops);
        this.cIn = cIn;
        this.cHidden = cHidden;
        this.heads = heads;
        this.inf = inf;
        this.eps = eps;
        this.linearQ = child(OpenFoldInit.GLOROT.linear(ops.scope("linear_q"), cIn, cHidden * heads, false, dtype));
        this.linearK = child(OpenFoldInit.GLOROT.linear(ops.scope("linear_k"), cIn, cHidden, false, dtype));
        this.linearV = child(OpenFoldInit.GLOROT.linear(ops.scope("linear_v"), cIn, cHidden, false, dtype));
        this.linearG = child(OpenFoldInit.GATING.linear(ops.scope("linear_g"), cIn, cHidden * heads, true, dtype));
        this.linearO = child(OpenFoldInit.FINAL.linear(ops.scope("linear_o"), cHidden * heads, cIn, true, dtype));
    }

    /** Attends within each group of {@code x [*, G, E, c_in]} under {@code mask [*, G, E]}; returns [*, G, E, c_in]. */
    public Tensor apply(Tensor x, Tensor mask) {
        Ops ops = ops();
        long[] dims = Axes.requireTrailing(x, 3, cIn, name(), "the input");
        DType dtype = x.dtype();
        Tensor count = ops.add(ops.sum(mask, true, -1), ops.scalar(eps, dtype));
        Tensor mean = ops.div(ops.sum(ops.mul(x, ops.expandDims(mask, -1)), false, -2), count);

        long[] queryHeads = Arrays.copyOf(dims, dims.length);
        queryHeads[dims.length - 2] = heads;
        queryHeads[dims.length - 1] = cHidden;
        Tensor q = ops.reshape(ops.mul(linearQ.apply(mean), ops.scalar(1 / Math.sqrt(cHidden), dtype)), queryHeads);
        Tensor logits = ops.matmul(q, linearK.apply(x), false, true);
        Tensor bias = ops.expandDims(ops.mul(ops.scalar(inf, dtype), ops.sub(mask, ops.onesLike(mask))), -2);
        Tensor attended = ops.matmul(ops.softmax(ops.add(logits, bias), -1), linearV.apply(x), false, false);

        long[] split = Arrays.copyOf(dims, dims.length + 1);
        split[dims.length - 1] = heads;
        split[dims.length] = cHidden;
        Tensor gated = ops.mul(ops.expandDims(attended, -3), ops.sigmoid(ops.reshape(linearG.apply(x), split)));
        long[] merged = Arrays.copyOf(dims, dims.length);
        merged[dims.length - 1] = heads * cHidden;
        return linearO.apply(ops.reshape(gated, merged));
    }
}
