package io.timelapse.plugin.openfold.model.loss;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.plugin.openfold.metrics.Lddt;
import java.util.Arrays;

/**
 * The in-graph counterpart of the host-side {@link Lddt} (OpenFold's {@code lddt}, per residue), with
 * its cutoff, thresholds and eps: for each point i, over the other masked-in points j whose true
 * distance is below the cutoff, the mean over the thresholds of |d_true − d_pred| &lt; t, normalised as
 * (eps + Σ score) / (eps + Σ pairs). Piecewise constant in the positions: it has no gradient.
 *
 * <p>Shapes: predicted and true points [*, N, 3] and their mask [*, N]; the result is [*, N].
 */
public final class InGraphLddt {

    private final Ops ops;
    private final double cutoff;
    private final double eps;

    public InGraphLddt(Ops ops, double cutoff, double eps) {
        this.ops = ops;
        this.cutoff = cutoff;
        this.eps = eps;
    }

    /** lDDT with the host-side metric's cutoff (15 Å) and eps (1e-10). */
    public static InGraphLddt openFold(Ops ops) {
        return new InGraphLddt(ops, Lddt.DEFAULT_CUTOFF, Lddt.DEFAULT_EPS);
    }

    public Tensor perResidue(Tensor predicted, Tensor truth, Tensor mask) {
        DType dtype = truth.dtype();
        Tensor trueDistances = distances(truth);
        Tensor error = ops.abs(ops.sub(trueDistances, distances(predicted)));
        long n = truth.shape().dim(-2);
        Tensor notSelf = offDiagonal(n, dtype);
        Tensor scored = ops.mul(ops.mul(ops.cast(ops.less(trueDistances, ops.scalar(cutoff, dtype)), dtype),
                ops.mul(ops.expandDims(mask, -1), ops.expandDims(mask, -2))), notSelf);
        double[] thresholds = Lddt.thresholds();
        Tensor score = ops.zerosLike(error);
        for (double threshold : thresholds) {
            score = ops.add(score, ops.cast(ops.less(error, ops.scalar(threshold, dtype)), dtype));
        }
        score = ops.mul(score, ops.scalar(1.0 / thresholds.length, dtype));
        Tensor epsilon = ops.scalar(eps, dtype);
        return ops.div(ops.add(epsilon, ops.sum(ops.mul(scored, score), false, -1)), ops.add(epsilon, ops.sum(scored, false, -1)));
    }

    /** √(eps + |x_i − x_j|²) for all pairs: [*, N, N]. */
    private Tensor distances(Tensor points) {
        Tensor difference = ops.sub(ops.expandDims(points, -2), ops.expandDims(points, -3));
        return ops.sqrt(ops.add(ops.scalar(eps, points.dtype()), ops.sum(ops.square(difference), false, -1)));
    }

    /** 1 − I, [N, N]. */
    private Tensor offDiagonal(long n, DType dtype) {
        double[] values = new double[Math.toIntExact(n * n)];
        Arrays.fill(values, 1);
        for (int i = 0; i < n; i++) {
            values[i * (int) n + i] = 0;
        }
        return ops.constant(HostTensor.fromDoubles(dtype, Shape.of(n, n), values));
    }
}
