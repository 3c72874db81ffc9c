package io.timelapse.platform.compute.tensorflow.gradients;

import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.proto.DataType;

/**
 * Builds the operations of a gradient function by TensorFlow type name, inside the scope the
 * gradient builder hands over. Type attributes are inferred from the inputs, as in the graph API.
 */
final class GradientGraph {

    private final Ops tf;
    private final Scope scope;

    GradientGraph(Ops tf) {
        this.tf = tf;
        this.scope = tf.scope();
    }

    /** A single-output operation of {@code type} on {@code inputs}. */
    Output<?> op(String type, Output<?>... inputs) {
        return node(type, inputs).build().output(0);
    }

    OperationBuilder node(String type, Output<?>... inputs) {
        OperationBuilder builder = scope.opBuilder(type, type);
        for (Output<?> input : inputs) {
            builder.addInput(input);
        }
        return builder;
    }

    /**
     * The incoming gradient of an output, or zeros when nothing flowed back into it (the gradient
     * builder passes an empty output then).
     */
    Output<?> gradientOf(GraphOperation op, int output, java.util.List<Output<?>> gradients) {
        Output<?> gradient = output < gradients.size() ? gradients.get(output) : null;
        if (gradient == null || isMissing(gradient)) {
            return op("ZerosLike", op.output(output));
        }
        return gradient;
    }

    boolean hasGradient(int output, java.util.List<Output<?>> gradients) {
        return output < gradients.size() && gradients.get(output) != null && !isMissing(gradients.get(output));
    }

    private static boolean isMissing(Output<?> gradient) {
        GraphOperation op = (GraphOperation) gradient.op();
        return op.getUnsafeNativeHandle() == null || op.getUnsafeNativeHandle().isNull();
    }

    Output<?> ints(int... values) {
        return tf.constant(values).asOutput();
    }

    Output<?> intScalar(int value) {
        return tf.constant(value).asOutput();
    }

    /** A scalar of {@code like}'s element type. */
    Output<?> scalarLike(double value, Output<?> like) {
        return node("Cast", tf.constant(value).asOutput()).setAttr("DstT", like.dataType()).build().output(0);
    }

    Output<?> add(Output<?> a, Output<?> b) {
        return op("AddV2", a, b);
    }

    Output<?> sub(Output<?> a, Output<?> b) {
        return op("Sub", a, b);
    }

    Output<?> mul(Output<?> a, Output<?> b) {
        return op("Mul", a, b);
    }

    Output<?> div(Output<?> a, Output<?> b) {
        return op("RealDiv", a, b);
    }

    Output<?> neg(Output<?> x) {
        return op("Neg", x);
    }

    Output<?> expandDims(Output<?> x, int axis) {
        return op("ExpandDims", x, intScalar(axis));
    }

    Output<?> reshape(Output<?> x, Output<?> shape) {
        return op("Reshape", x, shape);
    }

    /** Matrix product of the last two axes, batch axes broadcast, either side (conjugate-)transposed. */
    Output<?> matmul(Output<?> a, Output<?> b, boolean adjointA, boolean adjointB) {
        return node("BatchMatMulV2", a, b).setAttr("adj_x", adjointA).setAttr("adj_y", adjointB).build().output(0);
    }

    /** Swaps the last two axes. */
    Output<?> transpose(Output<?> x) {
        return op("Transpose", x, lastTwoSwapped(x));
    }

    /**
     * The permutation that swaps the last two axes, computed in the graph: shapes cannot be asked
     * for while the gradient builder holds the graph's lock.
     */
    private Output<?> lastTwoSwapped(Output<?> x) {
        Output<?> rank = op("Rank", x);
        Output<?> beforeLast = sub(rank, intScalar(2));
        Output<?> batch = op("Range", intScalar(0), beforeLast, intScalar(1));
        Output<?> last = node("Pack").addInputList(new Output<?>[] {sub(rank, intScalar(1)), beforeLast}).build().output(0);
        return node("ConcatV2").addInputList(new Output<?>[] {batch, last}).addInput(intScalar(0)).build().output(0);
    }

    /** The band of each matrix with {@code lower} sub- and {@code upper} super-diagonals (−1: all). */
    Output<?> bandPart(Output<?> x, long lower, long upper) {
        return op("MatrixBandPart", x, tf.constant(lower).asOutput(), tf.constant(upper).asOutput());
    }

    /** {@code gradient} summed over the axes along which {@code input} was broadcast, in its shape. */
    Output<?> sumTo(Output<?> gradient, Output<?> input) {
        Output<?> inputShape = op("Shape", input);
        Output<?> axes = node("BroadcastGradientArgs", op("Shape", gradient), inputShape).build().output(1);
        return reshape(node("Sum", gradient, axes).setAttr("keep_dims", true).build().output(0), inputShape);
    }

    /** Identity matrices of {@code squareMatrices}' shape. */
    Output<?> identityLike(Output<?> squareMatrices) {
        return bandPart(op("OnesLike", squareMatrices), 0, 0);
    }

    /** Solves a·x = b (or aᴴ·x = b) for triangular {@code a}. */
    Output<?> triangularSolve(Output<?> a, Output<?> b, boolean lower, boolean adjoint) {
        return node("MatrixTriangularSolve", a, b).setAttr("lower", lower).setAttr("adjoint", adjoint).build().output(0);
    }

    /**
     * The gradient with respect to a matrix input of which the kernel reads only the lower triangle,
     * from the gradient {@code s} of an unconstrained matrix: the symmetric part folded onto the
     * lower triangle (off-diagonal entries stand for both of their positions).
     */
    Output<?> foldOntoLowerTriangle(Output<?> s) {
        Output<?> symmetric = add(s, transpose(s));
        return sub(bandPart(symmetric, -1, 0), mul(scalarLike(0.5, s), bandPart(symmetric, 0, 0)));
    }

    /**
     * F with F[i][j] = 1 / (d[j] − d[i]) off the diagonal and 0 on it, for the vectors {@code d} of
     * {@code values} (the eigen- or singular-value perturbation factor).
     */
    Output<?> reciprocalDifferences(Output<?> values) {
        Output<?> differences = sub(expandDims(values, -2), expandDims(values, -1));
        Output<?> eye = identityLike(differences);
        return div(sub(op("OnesLike", eye), eye), add(differences, eye));
    }

    static DataType dtypeOf(Operand<?> operand) {
        return operand.asOutput().dataType();
    }
}
