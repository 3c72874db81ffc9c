package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.NotDifferentiableException;
import io.timelapse.api.compute.Tensor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns TensorFlow's gradient errors into the API's clear build-time error. */
final class Gradients {

    private static final Pattern NO_GRADIENT = Pattern.compile("No gradient defined for op: ([A-Za-z0-9_]+)");

    private Gradients() {}

    static RuntimeException explain(RuntimeException error, Tensor loss) {
        String message = String.valueOf(error.getMessage());
        Matcher matcher = NO_GRADIENT.matcher(message);
        if (matcher.find()) {
            NotDifferentiableException clear = new NotDifferentiableException("cannot differentiate " + loss.name()
                    + ": the graph path crosses a " + matcher.group(1) + " operation, which is not differentiable");
            clear.initCause(error);
            return clear;
        }
        return error;
    }
}
