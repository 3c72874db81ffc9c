package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.exceptions.TFFailedPreconditionException;
import org.tensorflow.exceptions.TFInvalidArgumentException;

/** Checks what a session run is given, and turns TensorFlow's run errors into messages that name the tensors. */
final class RunErrors {

    private RunErrors() {}

    static TfTensor feedable(Tensor placeholder, HostTensor value, TfGraph graph) {
        if (!(placeholder instanceof TfTensor tf) || tf.graph() != graph) {
            throw new IllegalArgumentException("cannot feed " + placeholder.name() + ": it belongs to another graph than the one this session runs");
        }
        if (value.dtype() != tf.dtype() || !fits(value.shape(), tf.shape())) {
            throw new IllegalArgumentException("cannot feed " + tf.name() + ": it expects " + tf.dtype() + tf.shape()
                    + ", the value is " + value.dtype() + value.shape());
        }
        return tf;
    }

    static TfTensor fetchable(Tensor fetch, TfGraph graph) {
        if (!(fetch instanceof TfTensor tf) || tf.graph() != graph) {
            throw new IllegalArgumentException("cannot fetch " + fetch.name() + ": it belongs to another graph than the one this session runs");
        }
        return tf;
    }

    static TfOperation runnable(Operation target, TfGraph graph) {
        TfOperation tf = TfOperation.of(target);
        if (tf.native_().env() != graph.nativeGraph()) {
            throw new IllegalArgumentException("cannot run " + target.name() + ": it belongs to another graph than the one this session runs");
        }
        return tf;
    }

    /** Whether a value of {@code shape} can stand for a tensor of the static shape {@code expected}. */
    private static boolean fits(Shape shape, Shape expected) {
        if (expected.hasUnknownRank()) {
            return true;
        }
        if (shape.rank() != expected.rank()) {
            return false;
        }
        for (int i = 0; i < shape.rank(); i++) {
            if (expected.dim(i) != Shape.UNKNOWN_DIM && expected.dim(i) != shape.dim(i)) {
                return false;
            }
        }
        return true;
    }

    static RuntimeException explain(RuntimeException error, List<? extends Tensor> fetches, List<Operation> targets) {
        String message = "running " + describe(fetches, targets) + " failed: " + firstLine(error.getMessage());
        RuntimeException clear = error instanceof TFInvalidArgumentException
                ? new IllegalArgumentException(message, error)
                : new IllegalStateException(message
                        + (error instanceof TFFailedPreconditionException ? " (were the variables initialized?)" : ""), error);
        return clear;
    }

    static String describe(List<? extends Tensor> fetches, List<Operation> targets) {
        List<String> names = new ArrayList<>();
        fetches.forEach(fetch -> names.add(fetch.name()));
        targets.forEach(target -> names.add(target.name() + " (target)"));
        return names.isEmpty() ? "an empty step" : String.join(", ", names);
    }

    private static String firstLine(String message) {
        String text = String.valueOf(message);
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
