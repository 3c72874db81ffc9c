package io.timelapse.lib.train;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Variable;

/**
 * The number of completed optimizer steps, an I64 state variable named {@value #NAME}. Learning-rate
 * schedules, bias corrections and dropout seeds read it; optimizers increment it as part of their
 * update, and it is saved in checkpoints with the other variables.
 */
public final class StepCounter {

    public static final String NAME = "train.step";

    private final Ops ops;
    private final Variable variable;

    private StepCounter(Ops ops, Variable variable) {
        this.ops = ops;
        this.variable = variable;
    }

    public static StepCounter create(Graph graph) {
        Ops root = graph.ops();
        return new StepCounter(root, root.stateVariable(NAME, DType.I64, Shape.scalar(), Initializer.zeros()));
    }

    public Variable variable() {
        return variable;
    }

    /**
     * Sets the counter to its value read in this run plus one; it reads through the data
     * dependency, so the run's other readers all see the value before the step.
     */
    Operation increment() {
        return ops.assign(variable, ops.add(variable, ops.scalar(1, DType.I64)));
    }
}
