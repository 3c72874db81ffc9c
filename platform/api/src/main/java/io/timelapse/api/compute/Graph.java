package io.timelapse.api.compute;

import java.util.List;

/**
 * A computation graph under construction. Build it through {@link #ops()}, differentiate it with
 * {@link #gradients}, run it in {@link Session}s. Closing the graph releases its native resources.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Graph extends AutoCloseable {

    /** Operations at the root scope. */
    Ops ops();

    /** The seed that random initializers and random operations derive from. */
    long seed();

    /**
     * d{@code loss}/d{@code x} for each of {@code xs}, as new tensors of the graph.
     *
     * @throws NotDifferentiableException if the path from an x to the loss crosses an operation
     *     that has no gradient; the message names the operation
     */
    List<Tensor> gradients(Tensor loss, List<? extends Tensor> xs);

    /**
     * The vector-Jacobian products Σₖ ⟨{@code dys[k]}, ∂{@code ys[k]}/∂x⟩ for each x of {@code xs}, as new tensors of
     * the graph: the gradient of a scalar whose gradients with respect to {@code ys} are {@code dys} (each shaped as
     * its y). An x that no y depends on, or only through stop-gradients, gets zeros; an x is allowed to be one of the
     * ys. This is the backward pass of a part of a graph, as activation checkpointing needs it.
     *
     * @throws NotDifferentiableException if a path from an x to a y crosses an operation that has no gradient
     * @throws IllegalArgumentException if {@code ys} and {@code dys} differ in length, or a dy in dtype or shape
     */
    List<Tensor> gradients(List<? extends Tensor> ys, List<? extends Tensor> dys, List<? extends Tensor> xs);

    /** Every variable created so far, in creation order. */
    List<Variable> variables();

    Session newSession();

    @Override
    void close();
}
