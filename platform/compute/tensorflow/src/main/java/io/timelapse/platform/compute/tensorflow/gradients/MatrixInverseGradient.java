package io.timelapse.platform.compute.tensorflow.gradients;

import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.RawCustomGradient;

/** Y = X⁻¹: dX = −Yᵀ·dY·Yᵀ (with {@code adjoint}, Y = X⁻ᵀ: dX = −Y·dYᵀ·Y). */
final class MatrixInverseGradient implements RawCustomGradient {

    @Override
    public List<Operand<?>> call(Ops tf, GraphOperation op, List<Output<?>> gradients) {
        GradientGraph g = new GradientGraph(tf);
        Output<?> y = op.output(0);
        Output<?> dy = g.gradientOf(op, 0, gradients);
        boolean adjoint = op.attributes().getAttrBool("adjoint");
        Output<?> dx = adjoint
                ? g.matmul(g.matmul(y, dy, false, true), y, false, false)
                : g.matmul(g.matmul(y, dy, true, false), y, false, true);
        return List.of(g.neg(dx));
    }
}
