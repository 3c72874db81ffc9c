package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.NotDifferentiableException;
import io.timelapse.api.compute.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.proto.DataType;

/**
 * Turns what TensorFlow's gradient builder says into the API's rules. It throws for an operation
 * without a gradient function and for an x the loss does not depend on; when it returns "no
 * gradient" for an x, the graph path from x to the loss tells why: through integer or boolean
 * values (argmax, comparisons, casts to integers, top-k indices) it is not differentiable; blocked
 * only by stop-gradient, the gradient is zero.
 */
final class Gradients {

    private static final Pattern NO_GRADIENT = Pattern.compile("No gradient defined for op: ([A-Za-z0-9_]+)");
    private static final Pattern UNREACHABLE = Pattern.compile("unreachable from the output");
    private static final Set<DataType> FLOATING = Set.of(DataType.DT_HALF, DataType.DT_BFLOAT16, DataType.DT_FLOAT, DataType.DT_DOUBLE);

    private Gradients() {}

    static RuntimeException explain(RuntimeException error, Tensor loss, List<? extends Tensor> xs, TfGraph graph) {
        String message = String.valueOf(error.getMessage());
        Matcher matcher = NO_GRADIENT.matcher(message);
        RuntimeException clear = null;
        if (matcher.find()) {
            clear = new NotDifferentiableException("cannot differentiate " + loss.name()
                    + ": the graph path crosses a " + matcher.group(1) + " operation, which is not differentiable");
        } else if (UNREACHABLE.matcher(message).find()) {
            List<String> independent = new ArrayList<>();
            Set<Output<?>> ancestors = ancestors(TfTensor.of(loss, graph).output());
            for (Tensor x : xs) {
                if (!ancestors.contains(TfTensor.of(x, graph).output())) {
                    independent.add(x.name());
                }
            }
            clear = new NotDifferentiableException("the loss " + loss.name() + " does not depend on " + String.join(", ", independent));
        }
        if (clear == null) {
            return error;
        }
        clear.initCause(error);
        return clear;
    }

    /** Whether the builder's result for one x is its "no gradient" marker rather than a tensor. */
    static boolean isMissing(Output<?> gradient) {
        return gradient == null || ((GraphOperation) gradient.op()).getUnsafeNativeHandle() == null
                || ((GraphOperation) gradient.op()).getUnsafeNativeHandle().isNull();
    }

    /**
     * Why no gradient reached {@code x}: throws {@link NotDifferentiableException} naming the
     * operations where the path turns to integer or boolean values; returns normally when only
     * stop-gradients block it.
     */
    static void checkBlockedOnlyByStopGradient(Tensor loss, Tensor x, TfGraph graph) {
        Output<?> target = TfTensor.of(x, graph).output();
        Set<Output<?>> ancestors = ancestors(TfTensor.of(loss, graph).output());
        Map<Output<?>, Boolean> dependsOnX = new HashMap<>();
        Set<String> discrete = new LinkedHashSet<>();
        boolean stopped = false;
        for (Output<?> output : ancestors) {
            if (!dependsOn(output, target, dependsOnX)) {
                continue;
            }
            GraphOperation op = (GraphOperation) output.op();
            stopped |= op.type().equals("StopGradient") || op.type().equals("PreventGradient");
            if (!FLOATING.contains(output.dataType()) && hasFloatingInputOnPath(op, target, dependsOnX)) {
                discrete.add(op.type() + " (" + op.name() + ")");
            }
        }
        if (!discrete.isEmpty()) {
            throw new NotDifferentiableException("cannot differentiate " + loss.name() + " with respect to " + x.name()
                    + ": the path goes through integer or boolean values at " + String.join(", ", discrete)
                    + ", which are not differentiable");
        }
        if (!stopped) {
            throw new NotDifferentiableException("cannot differentiate " + loss.name() + " with respect to " + x.name()
                    + ": no gradient flows along any path between them");
        }
    }

    private static boolean hasFloatingInputOnPath(GraphOperation op, Output<?> target, Map<Output<?>, Boolean> dependsOnX) {
        for (int i = 0; i < op.numInputs(); i++) {
            Output<?> input = op.input(i);
            if (FLOATING.contains(input.dataType()) && dependsOn(input, target, dependsOnX)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The outputs {@code ys} are computed from along paths a gradient can take, the ys included: the walk does not
     * go past stop-gradients, so it stays within the part of the graph a backward pass from the ys visits.
     */
    static Set<Output<?>> reachedWithoutStopping(List<Output<?>> ys) {
        return reached(ys, true);
    }

    /** The outputs {@code loss} is computed from, itself included (data edges only). */
    private static Set<Output<?>> ancestors(Output<?> loss) {
        return reached(List.of(loss), false);
    }

    private static Set<Output<?>> reached(List<Output<?>> ys, boolean stopAtStopGradients) {
        Set<Output<?>> seen = new HashSet<>(ys);
        Set<GraphOperation> expanded = new HashSet<>();
        Deque<Output<?>> pending = new ArrayDeque<>(ys);
        while (!pending.isEmpty()) {
            GraphOperation op = (GraphOperation) pending.pop().op();
            boolean stop = stopAtStopGradients && (op.type().equals("StopGradient") || op.type().equals("PreventGradient"));
            if (!expanded.add(op) || stop) {
                continue;
            }
            for (int i = 0; i < op.numInputs(); i++) {
                Output<?> input = op.input(i);
                if (seen.add(input)) {
                    pending.push(input);
                }
            }
        }
        return seen;
    }

    /** Whether {@code output} is computed from {@code target}, iteratively (graphs can be deep). */
    private static boolean dependsOn(Output<?> output, Output<?> target, Map<Output<?>, Boolean> memo) {
        Deque<Output<?>> stack = new ArrayDeque<>();
        stack.push(output);
        while (!stack.isEmpty()) {
            Output<?> current = stack.peek();
            if (memo.containsKey(current)) {
                stack.pop();
                continue;
            }
            if (current.equals(target)) {
                memo.put(current, true);
                stack.pop();
                continue;
            }
            GraphOperation op = (GraphOperation) current.op();
            if (op.equals(target.op())) {
                memo.put(current, false);
                stack.pop();
                continue;
            }
            boolean pendingInputs = false;
            boolean depends = false;
            for (int i = 0; i < op.numInputs(); i++) {
                Boolean known = memo.get(op.input(i));
                if (known == null) {
                    stack.push(op.input(i));
                    pendingInputs = true;
                } else {
                    depends |= known;
                }
            }
            if (!pendingInputs) {
                memo.put(current, depends);
                stack.pop();
            }
        }
        return memo.get(output);
    }
}
