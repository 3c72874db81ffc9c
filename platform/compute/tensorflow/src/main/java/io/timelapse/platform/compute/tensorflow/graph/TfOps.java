package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.List;
import org.tensorflow.Output;

/**
 * The API's primitive operations on TensorFlow, at one name scope. Operations TensorFlow has as
 * kernels map to one node each; the rest are lowered onto several in {@link Lowerings}. The API's
 * composites (its default methods) are built from these.
 */
final class TfOps implements Ops {

    private final TfGraph graph;
    private final String scopeName;
    /** The TensorFlow name prefix of this scope's operations ("a/b/c"), empty at the root. */
    private final String opPrefix;
    private final Lowerings lowerings = new Lowerings(this);

    TfOps(TfGraph graph, String scopeName, String opPrefix) {
        this.graph = graph;
        this.scopeName = scopeName;
        this.opPrefix = opPrefix;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private NodeBuilder node(String type) {
        return graph.node(type, opPrefix);
    }

    private Tensor unary(String type, Tensor x) {
        return node(type).input(x).output();
    }

    private Tensor binary(String type, Tensor a, Tensor b) {
        return node(type).input(a).input(b).output();
    }

    Tensor longs(long... values) {
        return constant(HostTensor.of(values, values.length));
    }

    /**
     * Shapes, sizes and offsets as I32: TensorFlow's C++ gradients of Slice, StridedSlice and
     * BroadcastTo combine them with I32 run-time shapes and fail on I64.
     */
    Tensor dims(long... values) {
        return ints(toInts(values));
    }

    /** Slice bounds as I32, clamped: numpy-style bounds past the end mean "to the end". */
    private Tensor bounds(long... values) {
        int[] clamped = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            clamped[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, values[i]));
        }
        return ints(clamped);
    }

    Tensor ints(int... values) {
        return constant(HostTensor.of(values, values.length));
    }

    Tensor intScalar(long value) {
        return constant(HostTensor.scalar((int) value));
    }

    /** The reduction axes, all of them when none are given. */
    private Tensor axes(Tensor x, int... axes) {
        if (axes.length > 0) {
            return ints(axes);
        }
        Shape shape = x.shape();
        if (!shape.hasUnknownRank()) {
            int[] all = new int[shape.rank()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return ints(all);
        }
        return node("Range").input(intScalar(0)).input(node("Rank").input(x).output()).input(intScalar(1)).output();
    }

    String fullName(String name) {
        return scopeName.isEmpty() ? name : scopeName + "." + name;
    }

    // ---- scopes, inputs, variables --------------------------------------------------------------

    @Override
    public Ops scope(String name) {
        return new TfOps(graph, fullName(name), opPrefix.isEmpty() ? name : opPrefix + "/" + name);
    }

    @Override
    public String scopeName() {
        return scopeName;
    }

    @Override
    public Tensor placeholder(String name, DType dtype, Shape shape) {
        return graph.namedNode("Placeholder", fullName(name)).attr("dtype", dtype).attr("shape", shape).output();
    }

    @Override
    public Variable variable(String name, DType dtype, Shape shape, Initializer initializer) {
        return createVariable(name, dtype, shape, initializer, true);
    }

    @Override
    public Variable stateVariable(String name, DType dtype, Shape shape, Initializer initializer) {
        return createVariable(name, dtype, shape, initializer, false);
    }

    private Variable createVariable(String name, DType dtype, Shape shape, Initializer initializer, boolean trainable) {
        String fullName = fullName(name);
        Ops root = graph.ops();
        return graph.addVariable(fullName, trainable, initializer, dtype, shape, variable -> {
            Tensor value = new InitialValues(root).of(fullName, dtype, shape, initializer);
            return (TfOperation) root.assign(variable, value);
        });
    }

    @Override
    public Tensor constant(HostTensor value) {
        try (org.tensorflow.Tensor tensor = HostTensors.toTf(value)) {
            return node("Const").attr("dtype", value.dtype()).attr("value", tensor).output();
        }
    }

    @Override
    public Tensor scalar(double value, DType dtype) {
        return constant(HostTensor.fromDoubles(dtype, Shape.scalar(), new double[] {value}));
    }

    @Override
    public Tensor zeros(Shape shape, DType dtype) {
        return node("Fill").input(longs(shape.dims())).input(scalar(0, dtype)).output();
    }

    @Override
    public Tensor ones(Shape shape, DType dtype) {
        return node("Fill").input(longs(shape.dims())).input(scalar(1, dtype)).output();
    }

    @Override
    public Tensor zerosLike(Tensor x) {
        return unary("ZerosLike", x);
    }

    @Override
    public Tensor onesLike(Tensor x) {
        return unary("OnesLike", x);
    }

    @Override
    public Operation assign(Variable variable, Tensor value) {
        TfVariable tf = (TfVariable) TfTensor.of(variable, graph);
        return node("AssignVariableOp").input(tf.handle()).input(value).attr("dtype", tf.dtype()).operation();
    }

    @Override
    public Operation assignAdd(Variable variable, Tensor delta) {
        TfVariable tf = (TfVariable) TfTensor.of(variable, graph);
        return node("AssignAddVariableOp").input(tf.handle()).input(delta).attr("dtype", tf.dtype()).operation();
    }

    /** TensorFlow's fused kernel, with the bias corrections at 1 (the caller folded them into stepSize and ε). */
    @Override
    public Operation applyAdam(Variable parameter, Variable m, Variable v, Tensor gradient, Tensor stepSize, double beta1,
                               double beta2, Tensor epsilon) {
        DType dtype = parameter.dtype();
        Tensor noCorrection = scalar(0, dtype);
        return node("ResourceApplyAdam")
                .input(handle(parameter)).input(handle(m)).input(handle(v))
                .input(noCorrection).input(noCorrection).input(stepSize)
                .input(scalar(beta1, dtype)).input(scalar(beta2, dtype)).input(epsilon).input(gradient)
                .attr("use_locking", false).attr("use_nesterov", false)
                .operation();
    }

    private Output<?> handle(Variable variable) {
        return ((TfVariable) TfTensor.of(variable, graph)).handle();
    }

    @Override
    public Operation group(List<Operation> operations) {
        NodeBuilder noOp = node("NoOp");
        operations.forEach(operation -> noOp.controlInput(TfOperation.of(operation)));
        return noOp.operation();
    }

    @Override
    public Tensor identity(Tensor x, String name) {
        return graph.namedNode("Identity", fullName(name)).input(x).output();
    }

    @Override
    public Tensor stopGradient(Tensor x) {
        return unary("StopGradient", x);
    }

    @Override
    public Tensor after(Tensor x, List<Operation> operations) {
        NodeBuilder identity = node("Identity").input(x);
        operations.forEach(operation -> identity.controlInput(TfOperation.of(operation)));
        return identity.output();
    }

    // ---- element-wise --------------------------------------------------------------------------

    @Override
    public Tensor add(Tensor a, Tensor b) {
        if (isBias(a, b)) {
            return node("BiasAdd").input(a).input(b).output();
        }
        return binary("AddV2", a, b);
    }

    /**
     * A vector added along the last axis: TensorFlow's BiasAdd, which grappler fuses into a preceding MatMul or
     * convolution and whose gradient is one reduction. Same values as the broadcasting add.
     */
    private static boolean isBias(Tensor x, Tensor bias) {
        Shape xs = x.shape();
        Shape bs = bias.shape();
        return x.dtype() == bias.dtype() && bs.rank() == 1 && xs.rank() >= 2 && bs.dim(0) >= 0 && bs.dim(0) == xs.dim(xs.rank() - 1);
    }

    @Override
    public Tensor sub(Tensor a, Tensor b) {
        return binary("Sub", a, b);
    }

    @Override
    public Tensor mul(Tensor a, Tensor b) {
        return binary("Mul", a, b);
    }

    @Override
    public Tensor div(Tensor a, Tensor b) {
        return binary(a.dtype().isFloating() ? "RealDiv" : "FloorDiv", a, b);
    }

    @Override
    public Tensor pow(Tensor base, Tensor exponent) {
        return binary("Pow", base, exponent);
    }

    @Override
    public Tensor neg(Tensor x) {
        return unary("Neg", x);
    }

    @Override
    public Tensor abs(Tensor x) {
        return unary("Abs", x);
    }

    @Override
    public Tensor sign(Tensor x) {
        return unary("Sign", x);
    }

    @Override
    public Tensor exp(Tensor x) {
        return unary("Exp", x);
    }

    @Override
    public Tensor log(Tensor x) {
        return unary("Log", x);
    }

    @Override
    public Tensor log1p(Tensor x) {
        return unary("Log1p", x);
    }

    @Override
    public Tensor sqrt(Tensor x) {
        return unary("Sqrt", x);
    }

    @Override
    public Tensor rsqrt(Tensor x) {
        return unary("Rsqrt", x);
    }

    @Override
    public Tensor square(Tensor x) {
        return unary("Square", x);
    }

    @Override
    public Tensor tanh(Tensor x) {
        return unary("Tanh", x);
    }

    @Override
    public Tensor sigmoid(Tensor x) {
        return unary("Sigmoid", x);
    }

    @Override
    public Tensor softplus(Tensor x) {
        return unary("Softplus", x);
    }

    @Override
    public Tensor relu(Tensor x) {
        return isSum(x) ? maximum(x, scalar(0, x.dtype())) : unary("Relu", x);
    }

    /**
     * Whether {@code x} is an addition's output. A ReLU of one is built as max(x, 0): with oneDNN on, TensorFlow
     * 2.18's remapper fuses a matmul, its bias, a following add and a ReLU into one kernel even when the add has
     * another consumer (a residual stream), then fails ("Mutation::Apply error: fanout … exist for missing node"),
     * logs dozens of lines and leaves the whole graph unfused. Same values; the gradient differs only at exactly 0.
     */
    private boolean isSum(Tensor x) {
        String type = TfTensor.of(x, graph).output().op().type();
        return type.equals("AddV2") || type.equals("Add");
    }

    @Override
    public Tensor erf(Tensor x) {
        return unary("Erf", x);
    }

    @Override
    public Tensor sin(Tensor x) {
        return unary("Sin", x);
    }

    @Override
    public Tensor cos(Tensor x) {
        return unary("Cos", x);
    }

    @Override
    public Tensor atan2(Tensor y, Tensor x) {
        return binary("Atan2", y, x);
    }

    @Override
    public Tensor minimum(Tensor a, Tensor b) {
        return binary("Minimum", a, b);
    }

    @Override
    public Tensor maximum(Tensor a, Tensor b) {
        return binary("Maximum", a, b);
    }

    @Override
    public Tensor equal(Tensor a, Tensor b) {
        return binary("Equal", a, b);
    }

    @Override
    public Tensor notEqual(Tensor a, Tensor b) {
        return binary("NotEqual", a, b);
    }

    @Override
    public Tensor less(Tensor a, Tensor b) {
        return binary("Less", a, b);
    }

    @Override
    public Tensor lessEqual(Tensor a, Tensor b) {
        return binary("LessEqual", a, b);
    }

    @Override
    public Tensor greater(Tensor a, Tensor b) {
        return binary("Greater", a, b);
    }

    @Override
    public Tensor greaterEqual(Tensor a, Tensor b) {
        return binary("GreaterEqual", a, b);
    }

    @Override
    public Tensor logicalAnd(Tensor a, Tensor b) {
        return binary("LogicalAnd", a, b);
    }

    @Override
    public Tensor logicalOr(Tensor a, Tensor b) {
        return binary("LogicalOr", a, b);
    }

    @Override
    public Tensor logicalNot(Tensor x) {
        return unary("LogicalNot", x);
    }

    @Override
    public Tensor where(Tensor condition, Tensor a, Tensor b) {
        return node("SelectV2").input(condition).input(a).input(b).output();
    }

    @Override
    public Tensor cast(Tensor x, DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        return node("Cast").input(x).attr("DstT", dtype).output();
    }

    // ---- reductions ---------------------------------------------------------------------------

    private Tensor reduce(String type, Tensor x, boolean keepDims, int... axes) {
        return node(type).input(x).input(axes(x, axes)).attr("keep_dims", keepDims).output();
    }

    @Override
    public Tensor sum(Tensor x, boolean keepDims, int... axes) {
        return reduce("Sum", x, keepDims, axes);
    }

    @Override
    public Tensor mean(Tensor x, boolean keepDims, int... axes) {
        return reduce("Mean", x, keepDims, axes);
    }

    @Override
    public Tensor max(Tensor x, boolean keepDims, int... axes) {
        return reduce("Max", x, keepDims, axes);
    }

    @Override
    public Tensor min(Tensor x, boolean keepDims, int... axes) {
        return reduce("Min", x, keepDims, axes);
    }

    @Override
    public Tensor argmax(Tensor x, int axis) {
        return node("ArgMax").input(x).input(intScalar(axis)).attr("output_type", DType.I64).output();
    }

    // ---- matrices -----------------------------------------------------------------------------

    @Override
    public Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) {
        boolean plain = !a.shape().hasUnknownRank() && !b.shape().hasUnknownRank() && a.shape().rank() == 2 && b.shape().rank() == 2;
        if (plain) {
            return node("MatMul").input(a).input(b).attr("transpose_a", transposeA).attr("transpose_b", transposeB).output();
        }
        return node("BatchMatMulV2").input(a).input(b).attr("adj_x", transposeA).attr("adj_y", transposeB).output();
    }

    @Override
    public Tensor einsum(String equation, Tensor... operands) {
        return node("Einsum").inputs(List.of(operands)).attr("equation", equation).output();
    }

    // ---- shapes and indexing -----------------------------------------------------------------

    @Override
    public Tensor reshape(Tensor x, long... shape) {
        return node("Reshape").input(x).input(dims(shape)).output();
    }

    @Override
    public Tensor reshape(Tensor x, Tensor shape) {
        return node("Reshape").input(x).input(shape).output();
    }

    @Override
    public Tensor transpose(Tensor x, int... permutation) {
        return node("Transpose").input(x).input(ints(permutation)).output();
    }

    @Override
    public Tensor expandDims(Tensor x, int axis) {
        return node("ExpandDims").input(x).input(intScalar(axis)).output();
    }

    @Override
    public Tensor squeeze(Tensor x, int... axes) {
        long[] dims = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            dims[i] = axes[i];
        }
        return node("Squeeze").input(x).attr("squeeze_dims", dims).output();
    }

    @Override
    public Tensor broadcastTo(Tensor x, long... shape) {
        return node("BroadcastTo").input(x).input(dims(shape)).output();
    }

    @Override
    public Tensor concat(int axis, List<Tensor> values) {
        return node("ConcatV2").inputs(values).input(intScalar(axis)).output();
    }

    @Override
    public Tensor stack(int axis, List<Tensor> values) {
        return node("Pack").inputs(values).attr("axis", axis).output();
    }

    @Override
    public List<Tensor> split(Tensor x, int axis, long... sizes) {
        return node("SplitV").input(x).input(dims(sizes)).input(intScalar(axis)).attr("num_split", sizes.length).outputs();
    }

    @Override
    public Tensor slice(Tensor x, long[] begin, long[] size) {
        return node("Slice").input(x).input(dims(begin)).input(dims(size)).output();
    }

    @Override
    public Tensor stridedSlice(Tensor x, long[] begin, long[] end, long[] strides, int beginMask, int endMask, int shrinkAxisMask) {
        return node("StridedSlice").input(x).input(bounds(begin)).input(bounds(end)).input(bounds(strides))
                .attr("begin_mask", beginMask).attr("end_mask", endMask).attr("shrink_axis_mask", shrinkAxisMask).output();
    }

    @Override
    public Tensor pad(Tensor x, long[][] paddings, double value) {
        // I32 paddings: TensorFlow's Pad gradient cannot mix them with 64-bit indices.
        int[] flat = new int[paddings.length * 2];
        for (int i = 0; i < paddings.length; i++) {
            flat[2 * i] = Math.toIntExact(paddings[i][0]);
            flat[2 * i + 1] = Math.toIntExact(paddings[i][1]);
        }
        Tensor padding = constant(HostTensor.of(flat, paddings.length, 2));
        return node("PadV2").input(x).input(padding).input(scalar(value, x.dtype())).output();
    }

    @Override
    public Tensor tile(Tensor x, long... multiples) {
        return node("Tile").input(x).input(dims(multiples)).output();
    }

    @Override
    public Tensor gather(Tensor params, Tensor indices, int axis) {
        return node("GatherV2").input(params).input(indices).input(intScalar(axis)).output();
    }

    @Override
    public Tensor gatherNd(Tensor params, Tensor indices) {
        return binary("GatherNd", params, indices);
    }

    @Override
    public Tensor scatterAdd(Tensor indices, Tensor updates, long... shape) {
        Tensor dims = indices.dtype() == DType.I32 ? ints(toInts(shape)) : longs(shape);
        return node("ScatterNd").input(indices).input(updates).input(dims).output();
    }

    @Override
    public Tensor oneHot(Tensor indices, long depth, DType dtype) {
        return node("OneHot").input(indices).input(intScalar(depth)).input(scalar(1, dtype)).input(scalar(0, dtype))
                .attr("axis", -1L).output();
    }

    @Override
    public TopK topK(Tensor x, int k) {
        List<Tensor> outputs = node("TopKV2").input(x).input(intScalar(k)).attr("sorted", true).outputs();
        return new TopK(outputs.get(0), outputs.get(1));
    }

    @Override
    public Tensor cumsum(Tensor x, int axis, boolean exclusive, boolean reverse) {
        return node("Cumsum").input(x).input(intScalar(axis)).attr("exclusive", exclusive).attr("reverse", reverse).output();
    }

    @Override
    public Tensor range(double start, double limit, double delta, DType dtype) {
        return node("Range").input(scalar(start, dtype)).input(scalar(limit, dtype)).input(scalar(delta, dtype)).output();
    }

    @Override
    public Tensor range(Tensor start, Tensor limit, Tensor delta) {
        return node("Range").input(start).input(limit).input(delta).output();
    }

    @Override
    public Tensor shapeOf(Tensor x) {
        return node("Shape").input(x).attr("out_type", DType.I64).output();
    }

    // ---- neural-network operations ------------------------------------------------------------

    @Override
    public Tensor softmax(Tensor x, int axis) {
        return lowerings.onLastAxis("Softmax", x, axis);
    }

    @Override
    public Tensor logSoftmax(Tensor x, int axis) {
        return lowerings.onLastAxis("LogSoftmax", x, axis);
    }

    /** The kernel form of a last-axis operation such as Softmax. */
    Tensor lastAxisKernel(String type, Tensor x) {
        boolean matrix = !x.shape().hasUnknownRank() && x.shape().rank() == 2;
        if (type.equals("LogSoftmax") && !matrix) {
            return lowerings.asMatrices(type, x);
        }
        return unary(type, x);
    }

    @Override
    public Tensor conv2d(Tensor input, Tensor filter, int[] strides, Padding padding, int[] dilations) {
        if (dilations[0] != 1 || dilations[1] != 1) {
            // TensorFlow's C++ Conv2D gradient drops the dilations: dilate the filter instead.
            filter = lowerings.dilatedFilter(filter, dilations);
            dilations = new int[] {1, 1};
        }
        return node("Conv2D").input(input).input(filter).attr("strides", nhwc(strides)).attr("padding", padding.name())
                .attr("dilations", nhwc(dilations)).attr("data_format", "NHWC").output();
    }

    @Override
    public Tensor depthwiseConv2d(Tensor input, Tensor filter, int[] strides, Padding padding) {
        return node("DepthwiseConv2dNative").input(input).input(filter).attr("strides", nhwc(strides))
                .attr("padding", padding.name()).attr("data_format", "NHWC").output();
    }

    @Override
    public Tensor avgPool(Tensor input, int[] window, int[] strides, Padding padding) {
        return node("AvgPool").input(input).attr("ksize", nhwc(window)).attr("strides", nhwc(strides))
                .attr("padding", padding.name()).attr("data_format", "NHWC").output();
    }

    @Override
    public Tensor maxPool(Tensor input, int[] window, int[] strides, Padding padding) {
        return node("MaxPool").input(input).attr("ksize", nhwc(window)).attr("strides", nhwc(strides))
                .attr("padding", padding.name()).attr("data_format", "NHWC").output();
    }

    @Override
    public Tensor dropout(Tensor x, double rate, Tensor seed) {
        return lowerings.dropout(x, rate, seed, graph.seed());
    }

    /** Stateless uniform [0, 1) values of the run-time shape {@code shape} from an I64 [2] seed. */
    Tensor statelessUniform(Tensor shape, Tensor seedPair, DType dtype) {
        return node("StatelessRandomUniform").input(shape).input(seedPair).attr("dtype", dtype).output();
    }

    Tensor statelessRandom(String type, Shape shape, DType dtype, long seed) {
        return node(type).input(longs(shape.dims())).input(longs(graph.seed(), seed)).attr("dtype", dtype).output();
    }

    // ---- linear algebra -----------------------------------------------------------------------

    @Override
    public Tensor cholesky(Tensor x) {
        return unary("Cholesky", x);
    }

    @Override
    public Eigh eigh(Tensor x) {
        List<Tensor> outputs = node("SelfAdjointEigV2").input(x).attr("compute_v", true).outputs();
        return new Eigh(outputs.get(0), outputs.get(1));
    }

    @Override
    public Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean adjoint) {
        return node("MatrixTriangularSolve").input(a).input(b).attr("lower", lower).attr("adjoint", adjoint).output();
    }

    @Override
    public Svd svd(Tensor x) {
        List<Tensor> outputs = node("Svd").input(x).attr("compute_uv", true).attr("full_matrices", false).outputs();
        return new Svd(outputs.get(0), outputs.get(1), outputs.get(2));
    }

    @Override
    public Tensor inverse(Tensor x) {
        return node("MatrixInverse").input(x).attr("adjoint", false).output();
    }

    // ---- random -------------------------------------------------------------------------------

    @Override
    public Tensor randomNormal(Shape shape, DType dtype, double mean, double std, long seed) {
        return lowerings.affine(statelessRandom("StatelessRandomNormal", shape, dtype, seed), std, mean);
    }

    @Override
    public Tensor randomUniform(Shape shape, DType dtype, double min, double max, long seed) {
        return lowerings.affine(statelessRandom("StatelessRandomUniform", shape, dtype, seed), max - min, min);
    }

    @Override
    public Tensor truncatedNormal(Shape shape, DType dtype, double mean, double std, long seed) {
        return lowerings.affine(statelessRandom("StatelessTruncatedNormal", shape, dtype, seed), std, mean);
    }

    private static long[] nhwc(int[] spatial) {
        if (spatial.length != 2) {
            throw new IllegalArgumentException("give height and width, got " + spatial.length + " values");
        }
        return new long[] {1, spatial[0], spatial[1], 1};
    }

    private static int[] toInts(long[] values) {
        int[] ints = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            ints[i] = Math.toIntExact(values[i]);
        }
        return ints;
    }
}
