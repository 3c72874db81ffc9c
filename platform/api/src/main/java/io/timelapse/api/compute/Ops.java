package io.timelapse.api.compute;

import java.util.List;

/**
 * The operations of the graph API, at one name scope. Broadcasting follows numpy's rules. Axes may
 * be negative (counted from the end).
 *
 * <p>Gradients ({@link Graph#gradients}) follow these rules:
 * <ul>
 *   <li>every floating-point operation has a gradient, checked against finite differences;</li>
 *   <li>a path blocked only by {@link #stopGradient} gives a zero gradient;</li>
 *   <li>a path through integer or boolean values (a cast to an integer type, argmax, comparisons,
 *       one-hot indices, the indices of top-k) throws {@link NotDifferentiableException} naming
 *       the operation, as does a loss that does not depend on the variable, or a gradient asked
 *       with respect to a non-floating tensor;</li>
 *   <li>{@link #eigh} needs distinct eigenvalues and {@link #svd} full rank and distinct singular
 *       values; {@link #cholesky} and {@link #eigh} read the lower triangle, so their gradient sits
 *       on it (for a matrix built symmetrically this equals the symmetric gradient).</li>
 * </ul>
 *
 * <p>A backend implements the abstract methods, the primitives. The default methods (gelu, clip,
 * logSumExp, variance, norm, maskedSoftmax, layerNorm and the cross-entropies) are composed from
 * them once for every backend; a backend overrides one only with a kernel that gives the same
 * values and gradients, which the compute conformance kit checks.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Ops {

    // ---- scopes, inputs, variables --------------------------------------------------------------

    /** Operations whose variables and names are prefixed {@code <this scope>.<name>}. */
    Ops scope(String name);

    /** The dotted prefix of this scope; empty at the root. */
    String scopeName();

    Tensor placeholder(String name, DType dtype, Shape shape);

    Variable variable(String name, DType dtype, Shape shape, Initializer initializer);

    /** A variable excluded from {@code trainableVariables}, such as a step counter or a running mean. */
    Variable stateVariable(String name, DType dtype, Shape shape, Initializer initializer);

    Tensor constant(HostTensor value);

    Tensor scalar(double value, DType dtype);

    Tensor zeros(Shape shape, DType dtype);

    Tensor ones(Shape shape, DType dtype);

    Tensor zerosLike(Tensor x);

    Tensor onesLike(Tensor x);

    Operation assign(Variable variable, Tensor value);

    Operation assignAdd(Variable variable, Tensor delta);

    /**
     * One Adam update of {@code parameter} and its moment slots, in a single pass where the backend can:
     * m ← m + (1 − β₁)(g − m), v ← v + (1 − β₂)(g² − v), p ← p − stepSize · m / (√v + ε), with the new m and v.
     * Bias corrections are the caller's, folded into {@code stepSize} and {@code epsilon} (scalars of the
     * parameter's dtype). The default builds it from primitives.
     *
     * @since 1.1
     */
    default Operation applyAdam(Variable parameter, Variable m, Variable v, Tensor gradient, Tensor stepSize, double beta1,
                                double beta2, Tensor epsilon) {
        return Composites.applyAdam(this, parameter, m, v, gradient, stepSize, beta1, beta2, epsilon);
    }

    /** One operation that runs all of {@code operations}. */
    Operation group(List<Operation> operations);

    /** {@code x} under another name, so it can be fetched by that name. */
    Tensor identity(Tensor x, String name);

    /** The same value, through which no gradient flows. */
    Tensor stopGradient(Tensor x);

    /** {@code x}, read only after {@code operations} have run in the same step (a control dependency). */
    Tensor after(Tensor x, List<Operation> operations);

    // ---- element-wise --------------------------------------------------------------------------

    Tensor add(Tensor a, Tensor b);

    Tensor sub(Tensor a, Tensor b);

    Tensor mul(Tensor a, Tensor b);

    Tensor div(Tensor a, Tensor b);

    Tensor pow(Tensor base, Tensor exponent);

    Tensor neg(Tensor x);

    Tensor abs(Tensor x);

    Tensor sign(Tensor x);

    Tensor exp(Tensor x);

    Tensor log(Tensor x);

    Tensor log1p(Tensor x);

    Tensor sqrt(Tensor x);

    Tensor rsqrt(Tensor x);

    Tensor square(Tensor x);

    Tensor tanh(Tensor x);

    Tensor sigmoid(Tensor x);

    Tensor softplus(Tensor x);

    Tensor relu(Tensor x);

    /** The exact GELU, x·Φ(x) with the error function (not the tanh approximation). */
    default Tensor gelu(Tensor x) {
        return Composites.gelu(this, x);
    }

    Tensor erf(Tensor x);

    Tensor sin(Tensor x);

    Tensor cos(Tensor x);

    Tensor atan2(Tensor y, Tensor x);

    Tensor minimum(Tensor a, Tensor b);

    Tensor maximum(Tensor a, Tensor b);

    default Tensor clip(Tensor x, double min, double max) {
        return Composites.clip(this, x, min, max);
    }

    Tensor equal(Tensor a, Tensor b);

    Tensor notEqual(Tensor a, Tensor b);

    Tensor less(Tensor a, Tensor b);

    Tensor lessEqual(Tensor a, Tensor b);

    Tensor greater(Tensor a, Tensor b);

    Tensor greaterEqual(Tensor a, Tensor b);

    Tensor logicalAnd(Tensor a, Tensor b);

    Tensor logicalOr(Tensor a, Tensor b);

    Tensor logicalNot(Tensor x);

    /** {@code condition ? a : b} element by element, with broadcasting. */
    Tensor where(Tensor condition, Tensor a, Tensor b);

    Tensor cast(Tensor x, DType dtype);

    // ---- reductions (no axes: all of them) ----------------------------------------------------

    Tensor sum(Tensor x, boolean keepDims, int... axes);

    Tensor mean(Tensor x, boolean keepDims, int... axes);

    Tensor max(Tensor x, boolean keepDims, int... axes);

    Tensor min(Tensor x, boolean keepDims, int... axes);

    /** The index of the largest element along {@code axis}, as I64. */
    Tensor argmax(Tensor x, int axis);

    default Tensor logSumExp(Tensor x, boolean keepDims, int... axes) {
        return Composites.logSumExp(this, x, keepDims, axes);
    }

    /** The biased (1/n) variance. */
    default Tensor variance(Tensor x, boolean keepDims, int... axes) {
        return Composites.variance(this, x, keepDims, axes);
    }

    // ---- matrices -----------------------------------------------------------------------------

    /** Matrix product of the last two axes, with batch axes broadcast. */
    Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB);

    /** Einstein summation in numpy's notation, for example {@code "bhqd,bhkd->bhqk"}. */
    Tensor einsum(String equation, Tensor... operands);

    // ---- shapes and indexing -----------------------------------------------------------------

    /** One dimension may be -1, inferred from the others. */
    Tensor reshape(Tensor x, long... shape);

    /** Reshape to a shape computed at run time (an I32 or I64 vector), for dimensions unknown when building. */
    Tensor reshape(Tensor x, Tensor shape);

    Tensor transpose(Tensor x, int... permutation);

    Tensor expandDims(Tensor x, int axis);

    /** Removes the given size-1 axes; with none given, every size-1 axis. */
    Tensor squeeze(Tensor x, int... axes);

    Tensor broadcastTo(Tensor x, long... shape);

    Tensor concat(int axis, List<Tensor> values);

    Tensor stack(int axis, List<Tensor> values);

    List<Tensor> split(Tensor x, int axis, long... sizes);

    /** {@code size[i] = -1} takes everything from {@code begin[i]} on. */
    Tensor slice(Tensor x, long[] begin, long[] size);

    /** numpy's {@code x[begin:end:stride]} per axis; masks as in TensorFlow's StridedSlice. */
    Tensor stridedSlice(Tensor x, long[] begin, long[] end, long[] strides, int beginMask, int endMask, int shrinkAxisMask);

    /** {@code paddings[i] = {before, after}} for axis i, filled with {@code value}. */
    Tensor pad(Tensor x, long[][] paddings, double value);

    Tensor tile(Tensor x, long... multiples);

    /** {@code params} indexed along {@code axis} by integer {@code indices}. */
    Tensor gather(Tensor params, Tensor indices, int axis);

    Tensor gatherNd(Tensor params, Tensor indices);

    /** A tensor of {@code shape}, zeros plus {@code updates} summed at {@code indices} (duplicates add up). */
    Tensor scatterAdd(Tensor indices, Tensor updates, long... shape);

    Tensor oneHot(Tensor indices, long depth, DType dtype);

    /** The {@code k} largest values along the last axis and their I32 indices. */
    TopK topK(Tensor x, int k);

    Tensor cumsum(Tensor x, int axis, boolean exclusive, boolean reverse);

    Tensor range(double start, double limit, double delta, DType dtype);

    /** A range whose bounds are scalars known at run time; all three share one dtype. */
    Tensor range(Tensor start, Tensor limit, Tensor delta);

    /** The run-time shape of {@code x}, as I64. */
    Tensor shapeOf(Tensor x);

    // ---- neural-network operations ------------------------------------------------------------

    Tensor softmax(Tensor x, int axis);

    Tensor logSoftmax(Tensor x, int axis);

    /** Softmax over the positions where {@code mask} is true; masked positions get probability 0. */
    default Tensor maskedSoftmax(Tensor x, Tensor mask, int axis) {
        return Composites.maskedSoftmax(this, x, mask, axis);
    }

    /** Normalises over {@code axes}, then scales by {@code gamma} and shifts by {@code beta} (either may be null). */
    default Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, double epsilon, int... axes) {
        return Composites.layerNorm(this, x, gamma, beta, epsilon, axes);
    }

    /** Per-example −log softmax(logits)[label] over the last axis; labels are integers. */
    default Tensor sparseCrossEntropy(Tensor logits, Tensor labels) {
        return Composites.sparseCrossEntropy(this, logits, labels);
    }

    /** Per-example −Σ p·log softmax(logits) over the last axis. */
    default Tensor crossEntropy(Tensor logits, Tensor probabilities) {
        return Composites.crossEntropy(this, logits, probabilities);
    }

    /** Element-wise binary cross-entropy of {@code labels} under sigmoid({@code logits}). */
    default Tensor sigmoidCrossEntropy(Tensor logits, Tensor labels) {
        return Composites.sigmoidCrossEntropy(this, logits, labels);
    }

    /** NHWC input, HWIO filter. */
    Tensor conv2d(Tensor input, Tensor filter, int[] strides, Padding padding, int[] dilations);

    /** NHWC input, HW(C)(multiplier) filter. */
    Tensor depthwiseConv2d(Tensor input, Tensor filter, int[] strides, Padding padding);

    Tensor avgPool(Tensor input, int[] window, int[] strides, Padding padding);

    Tensor maxPool(Tensor input, int[] window, int[] strides, Padding padding);

    /**
     * Zeroes each element with probability {@code rate} and scales the rest by 1/(1−rate). The mask
     * is a function of {@code seed} (an I64 scalar tensor, for example the step) and the graph seed.
     */
    Tensor dropout(Tensor x, double rate, Tensor seed);

    // ---- linear algebra (on the last two axes) ------------------------------------------------

    Tensor cholesky(Tensor x);

    /** Eigenvalues in ascending order and eigenvectors (columns) of symmetric matrices. */
    Eigh eigh(Tensor x);

    /** Solves a·x = b for triangular {@code a}. */
    Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean adjoint);

    /** Singular values (descending) and vectors, thin: x = u·diag(s)·vᵀ. */
    Svd svd(Tensor x);

    Tensor inverse(Tensor x);

    /** The Euclidean (Frobenius over two axes) norm over {@code axes}. */
    default Tensor norm(Tensor x, boolean keepDims, int... axes) {
        return Composites.norm(this, x, keepDims, axes);
    }

    // ---- random (seeded from the graph seed and {@code seed}) --------------------------------

    Tensor randomNormal(Shape shape, DType dtype, double mean, double std, long seed);

    Tensor randomUniform(Shape shape, DType dtype, double min, double max, long seed);

    Tensor truncatedNormal(Shape shape, DType dtype, double mean, double std, long seed);

    /** The results of {@link #topK}. */
    record TopK(Tensor values, Tensor indices) {}

    /** The results of {@link #eigh}. */
    record Eigh(Tensor values, Tensor vectors) {}

    /** The results of {@link #svd}. */
    record Svd(Tensor s, Tensor u, Tensor v) {}

    /** Padding of convolutions and pooling. */
    enum Padding { SAME, VALID }
}
