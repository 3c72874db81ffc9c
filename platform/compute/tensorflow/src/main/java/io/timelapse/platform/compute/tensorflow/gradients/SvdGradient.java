package io.timelapse.platform.compute.tensorflow.gradients;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;

/**
 * Thin SVD A = U·diag(s)·Vᵀ (m×n, k = min(m, n)) of a full-rank matrix with distinct singular
 * values (Townsend 2016):
 * dA = U·[J·S + diag(ds) + S·K]·Vᵀ + (I − U·Uᵀ)·dU·S⁻¹·Vᵀ + U·S⁻¹·dVᵀ·(I − V·Vᵀ),
 * with J = F∘(Uᵀ·dU − dUᵀ·U), K = F∘(Vᵀ·dV − dVᵀ·V) and F[i][j] = 1/(s[j]² − s[i]²). The backend
 * builds Svd only as that thin decomposition with vectors ({@code compute_uv}, not {@code full_matrices}).
 */
final class SvdGradient implements RawCustomGradient {

    @Override
    public List<Operand<?>> call(Ops tf, GraphOperation op, List<Output<?>> gradients) {
        GradientGraph g = new GradientGraph(tf);
        Output<?> s = op.output(0);
        Output<?> u = op.output(1);
        Output<?> v = op.output(2);
        Output<?> rowScale = g.expandDims(s, -2);
        Output<?> eye = g.identityLike(g.matmul(u, u, true, false));
        Output<?> inner = g.mul(eye, g.expandDims(g.gradientOf(op, 0, gradients), -2));
        Output<?> f = g.reciprocalDifferences(g.mul(s, s));
        Output<?> inverseScale = g.expandDims(g.div(g.op("OnesLike", s), s), -2);
        Output<?> outside = null;
        if (g.hasGradient(1, gradients)) {
            Output<?> du = gradients.get(1);
            Output<?> utdu = g.matmul(u, du, true, false);
            Output<?> j = g.mul(f, g.sub(utdu, g.transpose(utdu)));
            inner = g.add(inner, g.mul(j, rowScale));
            Output<?> projected = g.sub(du, g.matmul(u, utdu, false, false));
            outside = g.matmul(g.mul(projected, inverseScale), v, false, true);
        }
        if (g.hasGradient(2, gradients)) {
            Output<?> dv = gradients.get(2);
            Output<?> vtdv = g.matmul(v, dv, true, false);
            Output<?> k = g.mul(f, g.sub(vtdv, g.transpose(vtdv)));
            inner = g.add(inner, g.mul(g.expandDims(s, -1), k));
            Output<?> projected = g.sub(dv, g.matmul(v, vtdv, false, false));
            Output<?> term = g.matmul(u, g.mul(projected, inverseScale), false, true);
            outside = outside == null ? term : g.add(outside, term);
        }
        Output<?> dx = g.matmul(g.matmul(u, inner, false, false), v, false, true);
        return List.of(outside == null ? dx : g.add(dx, outside));
    }
}
