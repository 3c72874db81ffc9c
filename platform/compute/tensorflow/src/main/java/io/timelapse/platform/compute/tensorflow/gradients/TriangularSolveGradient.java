package io.timelapse.platform.compute.tensorflow.gradients;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;

/**
 * X = A⁻¹·B (A⁻ᵀ·B with {@code adjoint}) for triangular A: dB = A⁻ᵀ·dX (A⁻¹·dX), dA = −dB·Xᵀ
 * (−X·dBᵀ) on the triangle the kernel reads; batch axes that were broadcast are summed back.
 */
final class TriangularSolveGradient implements RawCustomGradient {

    @Override
    public List<Operand<?>> call(Ops tf, GraphOperation op, List<Output<?>> gradients) {
        GradientGraph g = new GradientGraph(tf);
        Output<?> a = op.input(0);
        Output<?> b = op.input(1);
        Output<?> x = op.output(0);
        boolean lower = op.attributes().getAttrBool("lower");
        boolean adjoint = op.attributes().getAttrBool("adjoint");
        Output<?> db = g.triangularSolve(a, g.gradientOf(op, 0, gradients), lower, !adjoint);
        Output<?> da = g.neg(adjoint ? g.matmul(x, db, false, true) : g.matmul(db, x, false, true));
        Output<?> triangle = lower ? g.bandPart(da, -1, 0) : g.bandPart(da, 0, -1);
        return List.of(g.sumTo(triangle, a), g.sumTo(db, b));
    }
}
