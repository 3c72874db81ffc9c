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
 * A model whose step comes in several graphs (one per number of recycling iterations, say) makes one
 * {@link Pass} per graph over the same sums.
 */
public final class GradientAccumulation {

    public static final String PREFIX = "accum.";

    /**
     * One set of gradients of the parameters accumulated into the shared sums.
     *
     * @param accumulate adds these gradients to the sums
     * @param meanGradients the mean over the summed micro-batches and this one
     * @param reset sets the sums back to zero; run it in the run that consumes the means
     * @since 1.1
     */
    public record Pass(Operation accumulate, List<Tensor> meanGradients, Operation reset) {

        public Pass {
            meanGradients = List.copyOf(meanGradients);
        }
    }

    private final Ops ops;
    private final int microBatches;
    private final List<Variable> parameters;
    private final List<Variable> sums = new ArrayList<>();
    private Pass first;

    public GradientAccumulation(Graph graph, List<Variable> parameters, List<Tensor> gradients, int microBatches) {
        this(graph, parameters, microBatches);
        this.first = pass(gradients);
    }

    /**
     * The sums of {@code parameters}' gradients, for {@link #pass}es of gradients built later.
     *
     * @since 1.1
     */
    public GradientAccumulation(Graph graph, List<Variable> parameters, int microBatches) {
        if (microBatches < 1) {
            throw new IllegalArgumentException("micro-batches must be at least 1, got " + microBatches);
        }
        this.ops = graph.ops();
        this.microBatches = microBatches;
        this.parameters = List.copyOf(parameters);
        for (Variable parameter : parameters) {
            sums.add(ops.stateVariable(PREFIX + parameter.name(), parameter.dtype(), parameter.shape(), Initializer.zeros()));
        }
    }

    /**
     * The accumulation of {@code gradients}, one per parameter in order, into the shared sums.
     *
     * @since 1.1
     */
    public Pass pass(List<Tensor> gradients) {
        if (parameters.size() != gradients.size()) {
            throw new IllegalArgumentException(parameters.size() + " parameters but " + gradients.size() + " gradients");
        }
        List<Operation> adds = new ArrayList<>();
        List<Tensor> means = new ArrayList<>();
        List<Operation> zeroes = new ArrayList<>();
        for (int i = 0; i < sums.size(); i++) {
            Variable sum = sums.get(i);
            Tensor total = ops.add(sum, gradients.get(i));
            adds.add(ops.assign(sum, total));
            means.add(ops.div(total, ops.scalar(microBatches, sum.dtype())));
            // ZerosLike of the read: the reset waits for this run's read of the sum.
            zeroes.add(ops.assign(sum, ops.zerosLike(sum)));
        }
        return new Pass(ops.group(adds), means, ops.group(zeroes));
    }

    public int microBatches() {
        return microBatches;
    }

    /** Adds this micro-batch's gradients to the sums. */
    public Operation accumulate() {
        return firstPass().accumulate();
    }

    /** The mean gradient over the summed micro-batches and this one. */
    public List<Tensor> meanGradients() {
        return firstPass().meanGradients();
    }

    /** Sets the sums back to zero; run it in the run that consumes {@link #meanGradients()}. */
    public Operation reset() {
        return firstPass().reset();
    }

    /** The optimizer step on the mean gradients, then the sums back to zero. */
    public Operation apply(Optimizer optimizer) {
        return ops.group(List.of(optimizer.update(parameters, meanGradients()), reset()));
    }

    private Pass firstPass() {
        if (first == null) {
            throw new IllegalStateException("built without gradients: use the passes");
        }
        return first;
    }
}
