package io.timelapse.lib.train;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.checkpoint.OptimizerSlots;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An optimizer as graph operations: {@link #update} builds one operation that moves every parameter
 * by its gradient and increments the step counter. Each update reads the variable it replaces (Adam in
 * one fused pass where the backend has one, {@link Ops#applyAdam}). State lives in slot
 * variables named {@code opt.<optimizer>.<slot>.<parameter>}, checkpointed with the rest.
 */
public abstract class Optimizer {

    private final Graph graph;
    private final String name;
    private final StepCounter step;
    private final Tensor learningRate;
    private final Map<String, Variable> slots = new LinkedHashMap<>();
    private Map<String, Tensor> stepScalars = new HashMap<>();

    protected Optimizer(Graph graph, String name, StepCounter step, LearningRateSchedule schedule) {
        this.graph = graph;
        this.name = name;
        this.step = step;
        this.learningRate = schedule.at(graph.ops(), step.variable());
    }

    /** The optimizer's name in slot names, such as {@code adamw}. */
    public final String name() {
        return name;
    }

    /** The learning rate of the step about to run (F64 scalar), for example to log it. */
    public final Tensor learningRate() {
        return learningRate;
    }

    public final StepCounter stepCounter() {
        return step;
    }

    /** The slot variables created so far, by full name. */
    public final Map<String, Variable> slots() {
        return Collections.unmodifiableMap(slots);
    }

    /** One operation applying {@code gradients} to {@code parameters} (same order) and counting the step. */
    public final Operation update(List<Variable> parameters, List<Tensor> gradients) {
        if (parameters.size() != gradients.size()) {
            throw new IllegalArgumentException(parameters.size() + " parameters but " + gradients.size() + " gradients");
        }
        Ops ops = graph.ops();
        Tensor completed = ops.cast(step.variable(), DType.F64);
        List<Operation> updates = new ArrayList<>();
        stepScalars = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Variable parameter = parameters.get(i);
            Tensor gradient = gradients.get(i);
            if (gradient.dtype() != parameter.dtype()) {
                throw new IllegalArgumentException("gradient of " + parameter.name() + " is " + gradient.dtype() + ", the parameter " + parameter.dtype());
            }
            Tensor rate = stepScalar("learning_rate", parameter.dtype(), () -> ops.cast(learningRate, parameter.dtype()));
            updates.add(updateOne(ops, parameter, gradient, rate, completed));
        }
        updates.add(step.increment());
        return ops.group(updates);
    }

    /** Differentiates {@code loss} with respect to {@code parameters} and returns {@link #update}. */
    public final Operation minimize(Tensor loss, List<Variable> parameters) {
        return update(parameters, graph.gradients(loss, parameters));
    }

    /**
     * The update of one parameter.
     *
     * @param learningRate this step's rate in the parameter's dtype
     * @param completed the steps completed before this one (F64 scalar); PyTorch's step count is completed + 1
     */
    protected abstract Operation updateOne(Ops ops, Variable parameter, Tensor gradient, Tensor learningRate, Tensor completed);

    /**
     * A scalar of the update being built that every parameter of {@code dtype} shares (a bias correction, the learning
     * rate in that dtype): built by {@code build} for the first parameter, the same tensor for the others.
     *
     * @since 1.1
     */
    protected final Tensor stepScalar(String name, DType dtype, Supplier<Tensor> build) {
        return stepScalars.computeIfAbsent(name + "/" + dtype, key -> build.get());
    }

    /** The slot {@code opt.<name>.<slot>.<parameter>}, zeros like the parameter, created once. */
    protected final Variable slot(String slot, Variable parameter) {
        String full = OptimizerSlots.name(name, slot, parameter.name());
        return slots.computeIfAbsent(full, key -> graph.ops().stateVariable(key, parameter.dtype(), parameter.shape(), Initializer.zeros()));
    }

    /** {@code value} as a scalar of {@code like}'s dtype. */
    protected static Tensor scalar(Ops ops, double value, Tensor like) {
        return ops.scalar(value, like.dtype());
    }
}
