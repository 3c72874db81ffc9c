package io.timelapse.platform.compute.tensorflow.gradients;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;

/**
 * A = V·diag(e)·Vᵀ for symmetric A with distinct eigenvalues: G = V·(diag(de) + F∘(Vᵀ·dV))·Vᵀ with
 * F[i][j] = 1/(e[j] − e[i]). The kernel reads only the lower triangle of A, so G is folded onto it.
 */
final class EighGradient implements RawCustomGradient {

    @Override
    public List<Operand<?>> call(Ops tf, GraphOperation op, List<Output<?>> gradients) {
        GradientGraph g = new GradientGraph(tf);
        Output<?> e = op.output(0);
        Output<?> v = op.output(1);
        Output<?> inner = g.mul(g.identityLike(v), g.expandDims(g.gradientOf(op, 0, gradients), -2));
        if (g.hasGradient(1, gradients)) {
            Output<?> f = g.reciprocalDifferences(e);
            inner = g.add(inner, g.mul(f, g.matmul(v, gradients.get(1), true, false)));
        }
        Output<?> full = g.matmul(g.matmul(v, inner, false, false), v, false, true);
        return List.of(g.foldOntoLowerTriangle(full));
    }
}
