package io.timelapse.lib.train;

import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An exponential moving average of parameters in shadow variables {@code ema.<parameter>}:
 * shadow ← decay·shadow + (1 − decay)·parameter. Run {@link #reset()} once after initialising (not
 * after restoring a checkpoint, which holds the shadows), and {@link #update()} in a run of its own
 * after each optimizer step, so it averages the updated values.
 */
public final class ExponentialMovingAverage {

    public static final String PREFIX = "ema.";

    private final Map<Variable, Variable> shadows = new LinkedHashMap<>();
    private final Operation reset;
    private final Operation update;
    private final Operation copyToParameters;

    public ExponentialMovingAverage(Graph graph, List<Variable> parameters, double decay) {
        if (decay < 0 || decay > 1) {
            throw new IllegalArgumentException("decay must be in [0, 1], got " + decay);
        }
        Ops ops = graph.ops();
        List<Operation> resets = new ArrayList<>();
        List<Operation> updates = new ArrayList<>();
        List<Operation> copies = new ArrayList<>();
        for (Variable parameter : parameters) {
            Variable shadow = ops.stateVariable(PREFIX + parameter.name(), parameter.dtype(), parameter.shape(), Initializer.zeros());
            shadows.put(parameter, shadow);
            resets.add(ops.assign(shadow, parameter));
            Tensor average = ops.add(ops.mul(ops.scalar(decay, shadow.dtype()), shadow), ops.mul(ops.scalar(1 - decay, shadow.dtype()), parameter));
            updates.add(ops.assign(shadow, average));
            copies.add(ops.assign(parameter, shadow));
        }
        this.reset = ops.group(resets);
        this.update = ops.group(updates);
        this.copyToParameters = ops.group(copies);
    }

    /** The shadow of each parameter. */
    public Map<Variable, Variable> shadows() {
        return Collections.unmodifiableMap(shadows);
    }

    /** Sets every shadow to its parameter's current value. */
    public Operation reset() {
        return reset;
    }

    public Operation update() {
        return update;
    }

    /** Sets every parameter to its average, for evaluating the averaged model. */
    public Operation copyToParameters() {
        return copyToParameters;
    }
}
