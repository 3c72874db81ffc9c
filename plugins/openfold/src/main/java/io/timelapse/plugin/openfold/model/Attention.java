package io.timelapse.plugin.openfold.model;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import java.util.Arrays;
import java.util.List;

/**
 * OpenFold's gated multi-head attention ({@code primitives.Attention}, AF2 Alg. 7 lines 3–7):
 * projections {@code linear_q/k/v} without bias, logits q·kᵀ/√c plus any additive biases, softmax
 * over keys, the weighted values gated per channel by sigmoid({@code linear_g}(q_x)), then
 * {@code linear_o} over the heads' concatenation.
 */
public final class Attention extends Module {

    private final long cHidden;
    private final long heads;
    private final Linear linearQ;
    private final Linear linearK;
    private final Linear linearV;
    private final Linear linearO;
    private final Linear linearG;

    public Attention(Ops ops, long cQ, long cKv, long cHidden, long heads, DType dtype) {
        super(ops);
        this.cHidden = cHidden;
        this.heads = heads;
        this.linearQ = child(OpenFoldInit.GLOROT.linear(ops.scope("linear_q"), cQ, cHidden * heads, false, dtype));
        this.linearK = child(OpenFoldInit.GLOROT.linear(ops.scope("linear_k"), cKv, cHidden * heads, false, dtype));
        this.linearV = child(OpenFoldInit.GLOROT.linear(ops.scope("linear_v"), cKv, cHidden * heads, false, dtype));
        this.linearO = child(OpenFoldInit.FINAL.linear(ops.scope("linear_o"), cHidden * heads, cQ, true, dtype));
        this.linearG = child(OpenFoldInit.GATING.linear(ops.scope("linear_g"), cQ, cHidden * heads, true, dtype));
    }

    /**
     * Attends from {@code qX [*, Q, c_q]} to {@code kvX [*, K, c_kv]}; every bias broadcasts to the
     * logits [*, H, Q, K]. Returns [*, Q, c_q].
     */
    public Tensor apply(Tensor qX, Tensor kvX, List<Tensor> biases) {
        Ops ops = ops();
        Tensor q = ops.mul(heads(linearQ.apply(qX)), ops.scalar(1 / Math.sqrt(cHidden), qX.dtype()));
        Tensor k = heads(linearK.apply(kvX));
        Tensor v = heads(linearV.apply(kvX));
        Tensor logits = ops.matmul(q, k, false, true);
        for (Tensor bias : biases) {
            logits = ops.add(logits, bias);
        }
        Tensor weighted = ops.matmul(ops.softmax(logits, -1), v, false, false);
        Tensor o = Axes.permuteFinal(ops, weighted, 1, 0, 2);
        long[] split = Axes.dims(o, name(), "the attention output");
        Tensor gate = ops.sigmoid(ops.reshape(linearG.apply(qX), split));
        long[] merged = Arrays.copyOf(split, split.length - 1);
        merged[merged.length - 1] = heads * cHidden;
        return linearO.apply(ops.reshape(ops.mul(o, gate), merged));
    }

    /** [*, L, H·c] to [*, H, L, c]. */
    private Tensor heads(Tensor x) {
        long[] dims = Axes.dims(x, name(), "a projection");
        long[] split = Arrays.copyOf(dims, dims.length + 1);
        split[dims.length - 1] = heads;
        split[dims.length] = cHidden;
        return Axes.permuteFinal(ops(), ops().reshape(x, split), 1, 0, 2);
    }
}
