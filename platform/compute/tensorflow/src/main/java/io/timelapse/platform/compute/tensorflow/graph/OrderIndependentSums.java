package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.DType;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.bytedeco.javacpp.SizeTPointer;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Input;
import org.tensorflow.internal.c_api.TF_Operation;
import org.tensorflow.internal.c_api.TF_Output;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.internal.c_api.global.tensorflow;

/**
 * Makes the gradient sums that TensorFlow's gradient builder adds independent of the order it finds their terms in.
 *
 * <p>The builder sums the gradients a tensor receives from its consumers with one {@code AddN}, in the order it visits
 * the consumers, and that order follows a hash set of node pointers: two builds of the same graph, in one process or in
 * two, add the same float32 terms in different orders and get gradients that differ in the last bits. A resumed run
 * then drifts from the uninterrupted one. Each float32 {@code AddN} of three or more terms that the builder made is
 * replaced by the same sum taken in float64 and rounded once to float32: float64 holds the sum of a few float32 terms
 * exactly (unless their exponents are more than 29 apart), so the result no longer depends on the order. Sums of two
 * terms are exact in any order already; float64 sums are left as they are. The float64 copies live only while a sum is
 * taken: the peak memory of a training step of OpenFold's {@code initial_training} at crop 64 did not rise with them
 * (9.6 GiB without them, 8.5–8.9 GiB with them in two runs).
 */
final class OrderIndependentSums {

    private static final Field NATIVE_GRAPH;

    static {
        try {
            NATIVE_GRAPH = org.tensorflow.Graph.class.getDeclaredField("nativeHandle");
            NATIVE_GRAPH.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TfGraph owner;
    private final TF_Graph nativeGraph;
    /** The graph's operations before this position have been seen: a gradient build adds its own after it. */
    private final SizeTPointer seen = new SizeTPointer(1).put(0);

    OrderIndependentSums(TfGraph owner) {
        this.owner = owner;
        this.nativeGraph = nativeGraph(owner.nativeGraph());
    }

    /**
     * Runs {@code build} (one call of TensorFlow's gradient builder) and replaces the float32 sums of three or more terms
     * it made; returns its gradients with any that was such a sum replaced too. Only the operations added since the last
     * call are visited, so a model whose gradients are built block by block does not walk its graph once per block.
     */
    Output<?>[] around(Supplier<Output<?>[]> build) {
        next(op -> { });
        Output<?>[] gradients = build.get();
        List<GraphOperation> sums = new ArrayList<>();
        org.tensorflow.Graph graph = owner.nativeGraph();
        next(op -> {
            if (tensorflow.TF_OperationOpType(op).getString().equals("AddN") && tensorflow.TF_OperationNumInputs(op) >= 3
                    && outputType(op) == org.tensorflow.proto.DataType.DT_FLOAT_VALUE) {
                sums.add(graph.operation(tensorflow.TF_OperationName(op).getString()));
            }
        });
        if (sums.isEmpty()) {
            return gradients;
        }
        Map<String, Output<?>> replaced = new HashMap<>();
        try (TF_Status status = TF_Status.newStatus()) {
            for (GraphOperation sum : sums) {
                Output<?> exact = widenedSum(owner, sum);
                replaced.put(sum.name(), exact);
                int count = sum.numConsumers(0);
                if (count == 0) {
                    continue;
                }
                try (TF_Input consumers = new TF_Input(count); TF_Output source = firstOutput(sum);
                        TF_Output target = firstOutput((GraphOperation) exact.op())) {
                    int found = tensorflow.TF_OperationOutputConsumers(source, consumers, count);
                    for (int i = 0; i < found; i++) {
                        tensorflow.TF_UpdateEdge(nativeGraph, target, consumers.getPointer(i), status);
                        status.throwExceptionIfNotOK();
                    }
                }
            }
        }
        Output<?>[] result = gradients.clone();
        for (int i = 0; i < result.length; i++) {
            if (result[i] != null && replaced.containsKey(result[i].op().name()) && result[i].index() == 0) {
                result[i] = replaced.get(result[i].op().name());
            }
        }
        return result;
    }

    /** Visits the operations added since the last visit. */
    private void next(Consumer<TF_Operation> visit) {
        for (TF_Operation op = tensorflow.TF_GraphNextOperation(nativeGraph, seen); op != null && !op.isNull();
                op = tensorflow.TF_GraphNextOperation(nativeGraph, seen)) {
            visit.accept(op);
        }
    }

    private static int outputType(TF_Operation op) {
        if (tensorflow.TF_OperationNumOutputs(op) < 1) {
            return -1;
        }
        try (TF_Output output = new TF_Output().oper(op).index(0)) {
            return tensorflow.TF_OperationOutputType(output);
        }
    }

    /** The terms of {@code sum} cast to float64, added, and the total cast back to float32. */
    private static Output<?> widenedSum(TfGraph owner, GraphOperation sum) {
        String prefix = "order_independent_sum";
        List<TfTensor> wide = new ArrayList<>();
        for (int i = 0; i < sum.numInputs(); i++) {
            wide.add(owner.node("Cast", prefix).input(sum.input(i)).attr("DstT", DType.F64).output());
        }
        TfTensor total = owner.node("AddN", prefix).inputs(wide).output();
        return owner.node("Cast", prefix).input(total).attr("DstT", DType.F32).output().output();
    }

    private static TF_Output firstOutput(GraphOperation op) {
        return new TF_Output().oper(op.getUnsafeNativeHandle()).index(0);
    }

    private static TF_Graph nativeGraph(org.tensorflow.Graph graph) {
        try {
            return (TF_Graph) NATIVE_GRAPH.get(graph);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot reach the native graph of TensorFlow Java", e);
        }
    }
}
