package io.timelapse.platform.compute.tensorflow.gradients;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;

/**
 * A = L·Lᵀ (Murray 2016): with P = Φ(Lᵀ·dL), Φ taking the lower triangle and halving the
 * diagonal, S = L⁻ᵀ·P·L⁻¹ is the gradient for symmetric perturbations. The kernel reads only the
 * lower triangle of A, so S is folded onto it: the result is the exact derivative of the op.
 */
final class CholeskyGradient implements RawCustomGradient {

    @Override
    public List<Operand<?>> call(Ops tf, GraphOperation op, List<Output<?>> gradients) {
        GradientGraph g = new GradientGraph(tf);
        Output<?> l = op.output(0);
        Output<?> dl = g.gradientOf(op, 0, gradients);
        Output<?> lInverse = g.triangularSolve(l, g.identityLike(l), true, false);
        Output<?> middle = g.matmul(l, dl, true, false);
        Output<?> phi = g.sub(g.bandPart(middle, -1, 0), g.mul(g.scalarLike(0.5, middle), g.bandPart(middle, 0, 0)));
        Output<?> s = g.matmul(g.matmul(lInverse, phi, true, false), lInverse, false, false);
        return List.of(g.foldOntoLowerTriangle(s));
    }
}
