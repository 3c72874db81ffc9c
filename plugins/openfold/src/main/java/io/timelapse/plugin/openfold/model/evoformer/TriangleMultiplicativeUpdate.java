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
 * OpenFold's {@code TriangleMultiplicationOutgoing} (AF2 Alg. 11) and {@code TriangleMultiplicationIncoming}
 * (Alg. 12), unfused projections. From the normalised pair z: masked, gated projections a and b; outgoing
 * combines the edges leaving i and j, x_ij = Σ_k a_ik·b_jk, incoming the edges arriving, x_ij = Σ_k a_ki·b_kj;
 * then {@code layer_norm_out}, {@code linear_z} and the gate sigmoid({@code linear_g}(z)). Returns the update
 * only; the caller adds the residual.
 */
public final class TriangleMultiplicativeUpdate extends Module {

    /** Which edges of the triangle the update multiplies. */
    public enum Direction { OUTGOING, INCOMING }

    private final Direction direction;
    private final long cZ;
    private final LayerNorm layerNormIn;
    private final Linear linearAP;
    private final Linear linearAG;
    private final Linear linearBP;
    private final Linear linearBG;
    private final LayerNorm layerNormOut;
    private final Linear linearZ;
    private final Linear linearG;

    public TriangleMultiplicativeUpdate(Ops ops, Direction direction, long cZ, long cHidden, DType dtype) {
        super(ops);
        this.direction = direction;
        this.cZ = cZ;
        this.linearAP = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_a_p"), cZ, cHidden, true, dtype));
        this.linearAG = child(OpenFoldInit.GATING.linear(ops.scope("linear_a_g"), cZ, cHidden, true, dtype));
        this.linearBP = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear_b_p"), cZ, cHidden, true, dtype));
        this.linearBG = child(OpenFoldInit.GATING.linear(ops.scope("linear_b_g"), cZ, cHidden, true, dtype));
        this.linearG = child(OpenFoldInit.GATING.linear(ops.scope("linear_g"), cZ, cZ, true, dtype));
        this.linearZ = child(OpenFoldInit.FINAL.linear(ops.scope("linear_z"), cHidden, cZ, true, dtype));
        this.layerNormIn = child(new LayerNorm(ops.scope("layer_norm_in"), cZ, dtype));
        this.layerNormOut = child(new LayerNorm(ops.scope("layer_norm_out"), cHidden, dtype));
    }

    public Direction direction() {
        return direction;
    }

    /** The update of {@code z [*, N, N, c_z]} under {@code mask [*, N, N]} (null: no masking). */
    public Tensor apply(Tensor z, Tensor mask) {
        Ops ops = ops();
        long[] dims = Axes.requireTrailing(z, 3, cZ, name(), "the pair representation");
        Tensor pairMask = ops.expandDims(Axes.maskOrOnes(ops, mask, Arrays.copyOf(dims, dims.length - 1), z), -1);
        Tensor normed = layerNormIn.apply(z);
        Tensor a = ops.mul(pairMask, ops.mul(ops.sigmoid(linearAG.apply(normed)), linearAP.apply(normed)));
        Tensor b = ops.mul(pairMask, ops.mul(ops.sigmoid(linearBG.apply(normed)), linearBP.apply(normed)));
        Tensor x = Axes.permuteFinal(ops, combine(a, b), 1, 2, 0);
        Tensor gate = ops.sigmoid(linearG.apply(normed));
        return ops.mul(linearZ.apply(layerNormOut.apply(x)), gate);
    }

    /** The channel-first products [*, c, N, N] of a and b [*, N, N, c]. */
    private Tensor combine(Tensor a, Tensor b) {
        Ops ops = ops();
        Tensor first = Axes.permuteFinal(ops, a, 2, 0, 1);
        Tensor second = Axes.permuteFinal(ops, b, 2, 0, 1);
        // outgoing: Σ_k a[i,k]·b[j,k] = A·Bᵀ; incoming: Σ_k a[k,i]·b[k,j] = Aᵀ·B
        return direction == Direction.OUTGOING
                ? ops.matmul(first, second, false, true)
                : ops.matmul(first, second, true, false);
    }
}
