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

    /** Every variable created so far, in creation order. */
    List<Variable> variables();

    Session newSession();

    @Override
    void close();
}
