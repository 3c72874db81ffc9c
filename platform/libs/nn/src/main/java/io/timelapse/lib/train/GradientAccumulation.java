package io.timelapse.lib.train;

import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums gradients of N micro-batches in state variables {@code accum.<parameter>} and applies their
 * mean in one optimizer step. Run {@link #accumulate()} for micro-batches 1 … N−1 and
 * {@link #apply(Optimizer)} for micro-batch N: it adds that batch's gradients, updates, and zeroes
 * the sums. With a mean loss per micro-batch of equal size this equals one step on the whole batch.
 */
public final class GradientAccumulation {

    public static final String PREFIX = "accum.";

    private final Ops ops;
    private final int microBatches;
    private final List<Variable> parameters;
    private final List<Variable> sums = new ArrayList<>();
    private final List<Tensor> means = new ArrayList<>();
    private final Operation accumulate;
    private final Operation reset;

    public GradientAccumulation(Graph graph, List<Variable> parameters, List<Tensor> gradients, int microBatches) {
        if (microBatches < 1) {
            throw new IllegalArgumentException("micro-batches must be at least 1, got " + microBatches);
        }
        if (parameters.size() != gradients.size()) {
            throw new IllegalArgumentException(parameters.size() + " parameters but " + gradients.size() + " gradients");
        }
        this.ops = graph.ops();
        this.microBatches = microBatches;
        this.parameters = List.copyOf(parameters);
        List<Operation> adds = new ArrayList<>();
        List<Operation> zeroes = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Variable parameter = parameters.get(i);
            Variable sum = ops.stateVariable(PREFIX + parameter.name(), parameter.dtype(), parameter.shape(), Initializer.zeros());
            sums.add(sum);
            Tensor total = ops.add(sum, gradients.get(i));
            adds.add(ops.assign(sum, total));
            means.add(ops.div(total, ops.scalar(microBatches, parameter.dtype())));
            // ZerosLike of the read: the reset waits for this run's read of the sum.
            zeroes.add(ops.assign(sum, ops.zerosLike(sum)));
        }
        this.accumulate = ops.group(adds);
        this.reset = ops.group(zeroes);
    }

    public int microBatches() {
        return microBatches;
    }

    /** Adds this micro-batch's gradients to the sums. */
    public Operation accumulate() {
        return accumulate;
    }

    /** The mean gradient over the summed micro-batches and this one. */
    public List<Tensor> meanGradients() {
        return List.copyOf(means);
    }

    /** Sets the sums back to zero; run it in the run that consumes {@link #meanGradients()}. */
    public Operation reset() {
        return reset;
    }

    /** The optimizer step on the mean gradients, then the sums back to zero. */
    public Operation apply(Optimizer optimizer) {
        return ops.group(List.of(optimizer.update(parameters, means), reset));
    }
}
