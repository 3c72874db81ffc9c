package io.timelapse.plugin.openfold.model.embedders;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.nn.LayerNorm;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.Module;
import io.timelapse.plugin.openfold.model.Axes;
import io.timelapse.plugin.openfold.model.OpenFoldInit;

/**
 * OpenFold's {@code RecyclingEmbedder} (AF2 Alg. 32): the previous iteration's first MSA row and pair
 * representation through {@code layer_norm_m} and {@code layer_norm_z}, plus {@code linear} of a one-hot
 * distogram of the previous pseudo-β (Cα for glycine) positions. The bins are OpenFold's: squared edges of
 * {@code linspace(min_bin, max_bin, no_bins)}, bin b holding {@code edge_b < d² < edge_{b+1}} (the last up
 * to {@code inf}). Returns the updates; the caller adds m to the first MSA row and z to the pair.
 */
public final class RecyclingEmbedder extends Module {

    private final long cM;
    private final long cZ;
    private final double[] lower;
    private final double[] upper;
    private final LayerNorm layerNormM;
    private final LayerNorm layerNormZ;
    private final Linear linear;

    public RecyclingEmbedder(Ops ops, long cM, long cZ, double minBin, double maxBin, int noBins, double inf, DType dtype) {
        super(ops);
        if (noBins < 2 || !(minBin < maxBin)) {
            throw new IllegalArgumentException("RecyclingEmbedder: needs at least 2 bins and min_bin < max_bin, not "
                    + noBins + " bins from " + minBin + " to " + maxBin);
        }
        this.cM = cM;
        this.cZ = cZ;
        this.lower = new double[noBins];
        this.upper = new double[noBins];
        for (int b = 0; b < noBins; b++) {
            double edge = minBin + (maxBin - minBin) * b / (noBins - 1);
            lower[b] = edge * edge;
            if (b > 0) {
                upper[b - 1] = lower[b];
            }
        }
        upper[noBins - 1] = inf;
        this.layerNormM = child(new LayerNorm(ops.scope("layer_norm_m"), cM, dtype));
        this.layerNormZ = child(new LayerNorm(ops.scope("layer_norm_z"), cZ, dtype));
        this.linear = child(OpenFoldInit.DEFAULT.linear(ops.scope("linear"), noBins, cZ, true, dtype));
    }

    /**
     * The updates from {@code m1Prev [*, N, c_m]} (the first MSA row), {@code zPrev [*, N, N, c_z]} and the
     * pseudo-β positions {@code xPrev [*, N, 3]}: m [*, N, c_m] and z [*, N, N, c_z].
     */
    public Embeddings apply(Tensor m1Prev, Tensor zPrev, Tensor xPrev) {
        Ops ops = ops();
        Axes.requireTrailing(m1Prev, 2, cM, name(), "the first MSA row");
        Axes.requireTrailing(zPrev, 3, cZ, name(), "the pair representation");
        Axes.requireTrailing(xPrev, 2, 3, name(), "the positions");
        Tensor diff = ops.sub(ops.expandDims(xPrev, -2), ops.expandDims(xPrev, -3));
        Tensor d2 = ops.sum(ops.square(diff), true, -1);
        Tensor inBin = ops.logicalAnd(ops.greater(d2, edges(lower, xPrev.dtype())), ops.less(d2, edges(upper, xPrev.dtype())));
        Tensor distogram = linear.apply(ops.cast(inBin, m1Prev.dtype()));
        return new Embeddings(layerNormM.apply(m1Prev), ops.add(layerNormZ.apply(zPrev), distogram));
    }

    private Tensor edges(double[] values, DType dtype) {
        return ops().constant(HostTensor.fromDoubles(dtype, Shape.of(values.length), values));
    }
}
