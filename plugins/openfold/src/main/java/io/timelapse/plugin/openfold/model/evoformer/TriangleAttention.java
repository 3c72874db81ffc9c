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
 * OpenFold's {@code TriangleAttentionStartingNode} (AF2 Alg. 13) and {@code TriangleAttentionEndingNode}
 * (Alg. 14): gated attention along each row of the normalised pair representation, biased by the mask and
 * by a per-head projection ({@code linear}, no bias) of the pair itself. The ending-node variant is
 * OpenFold's: the same computation on the transposed pair and mask, transposed back. Returns the update only.
 */
public final class TriangleAttention extends Module {

    /** Around which node of the triangle the attention runs. */
    public enum Node { STARTING, ENDING }

    private final Node node;
    private final long cIn;
    private final double inf;
    private final LayerNorm layerNorm;
    private final Linear linear;
    private final Attention mha;

    public TriangleAttention(Ops ops, Node node, long cIn, long cHidden, long heads, double inf, DType dtype) {
        super(ops);
        this.node = node;
        this.cIn = cIn;
        this.inf = inf;
        this.layerNorm = child(new LayerNorm(ops.scope("layer_norm"), cIn, dtype));
        this.linear = child(OpenFoldInit.NORMAL.linear(ops.scope("linear"), cIn, heads, false, dtype));
        this.mha = child(new Attention(ops.scope("mha"), cIn, cIn, cHidden, heads, dtype));
    }

    public Node node() {
        return node;
    }

    /** The update of {@code z [*, N, N, c_in]} under {@code mask [*, N, N]} (null: no masking). */
    public Tensor apply(Tensor z, Tensor mask) {
        Ops ops = ops();
        long[] dims = Axes.requireTrailing(z, 3, cIn, name(), "the pair representation");
        Tensor pairMask = Axes.maskOrOnes(ops, mask, Arrays.copyOf(dims, dims.length - 1), z);
        if (node == Node.ENDING) {
            z = Axes.swapPairAxes(ops, z);
            pairMask = Axes.swapLast(ops, pairMask);
        }
        Tensor x = layerNorm.apply(z);
        Tensor triangleBias = ops.expandDims(Axes.permuteFinal(ops, linear.apply(x), 2, 0, 1), -4);
        Tensor update = mha.apply(x, x, List.of(Axes.maskBias(ops, pairMask, inf), triangleBias));
        return node == Node.ENDING ? Axes.swapPairAxes(ops, update) : update;
    }
}
