package io.timelapse.lib.train;

import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Activation checkpointing (PyTorch's {@code torch.utils.checkpoint}, OpenFold's {@code blocks_per_ckpt}): the
 * segments of a forward pass run through {@link #apply} keep only their inputs for the backward pass, which
 * recomputes each segment's activations from them just before its gradient is taken. Peak memory then grows with the
 * number of segments' inputs rather than with every activation inside them, for about one more forward pass of
 * compute.
 *
 * <p>Build the forward pass with {@link #apply} for each segment, then take the loss's gradients with
 * {@link #gradients}, not with {@link Graph#gradients(Tensor, List)}: to the rest of the graph a segment's outputs
 * are stop-gradients, and only this class carries gradients across them. What this asks of the forward pass:
 * <ul>
 *   <li>the loss reads the last segment's outputs, and each earlier segment's outputs reach the loss only through the
 *       segments after it (a chain of blocks, as in a transformer or the Evoformer);</li>
 *   <li>a segment's parameters are read by that segment only;</li>
 *   <li>anything else a segment reads (masks, a step counter) gets no gradient through it, and the segment computes the
 *       same values when it is built again: random operations seeded by their scope and a step, as
 *       {@code io.timelapse.lib.nn.Dropout} is, give the same mask.</li>
 * </ul>
 */
public final class ActivationCheckpointing {

    private final Graph graph;
    private final List<Segment> segments = new ArrayList<>();

    private record Segment(List<Tensor> inputs, List<Variable> parameters, UnaryOperator<List<Tensor>> forward, List<Tensor> outputs) {}

    public ActivationCheckpointing(Graph graph) {
        this.graph = graph;
    }

    /**
     * Runs {@code forward} on {@code inputs} and returns its outputs, recording the segment so that
     * {@link #gradients} recomputes it; {@code parameters} are the variables it reads.
     */
    public List<Tensor> apply(List<Tensor> inputs, List<Variable> parameters, UnaryOperator<List<Tensor>> forward) {
        Ops ops = graph.ops();
        List<Tensor> outputs = new ArrayList<>();
        for (Tensor output : forward.apply(List.copyOf(inputs))) {
            outputs.add(ops.stopGradient(output));
        }
        segments.add(new Segment(List.copyOf(inputs), List.copyOf(parameters), forward, List.copyOf(outputs)));
        return List.copyOf(outputs);
    }

    /** The number of segments recorded so far. */
    public int segments() {
        return segments.size();
    }

    /**
     * d{@code loss}/d{@code p} for each of {@code parameters}, inside segments or outside them: the backward pass
     * visits the segments last to first, rebuilding each one's forward after the gradient of its outputs is known.
     */
    public List<Tensor> gradients(Tensor loss, List<Variable> parameters) {
        if (segments.isEmpty()) {
            return graph.gradients(loss, parameters);
        }
        Ops ops = graph.ops();
        Map<Variable, Tensor> sums = new IdentityHashMap<>();
        segments.forEach(segment -> segment.parameters().forEach(parameter -> sums.put(parameter, null)));
        List<Variable> outside = parameters.stream().filter(parameter -> !sums.containsKey(parameter)).toList();
        // The loss's backward pass is built once, for the last segment's outputs and the parameters after it.
        Segment last = segments.get(segments.size() - 1);
        List<Tensor> fromLoss = graph.gradients(List.of(loss), List.of(ops.onesLike(loss)), concat(last.outputs(), outside));
        List<Tensor> ys = new ArrayList<>();
        List<Tensor> dys = new ArrayList<>();
        for (int k = segments.size() - 1; k >= 0; k--) {
            Segment segment = segments.get(k);
            List<Tensor> dOutputs = segment == last ? fromLoss.subList(0, last.outputs().size()) : graph.gradients(ys, dys, segment.outputs());
            List<Operation> ready = dOutputs.stream().map(Tensor::op).toList();
            List<Tensor> replayedInputs = segment.inputs().stream().map(input -> ops.after(input, ready)).toList();
            List<Tensor> replayed = segment.forward().apply(replayedInputs);
            List<Tensor> local = graph.gradients(replayed, dOutputs, concat(replayedInputs, segment.parameters()));
            ys.addAll(segment.inputs());
            dys.addAll(local.subList(0, segment.inputs().size()));
            for (int j = 0; j < segment.parameters().size(); j++) {
                sums.merge(segment.parameters().get(j), local.get(segment.inputs().size() + j), ops::add);
            }
        }
        List<Tensor> beforeSegments = graph.gradients(ys, dys, outside);
        for (int j = 0; j < outside.size(); j++) {
            sums.put(outside.get(j), ops.add(fromLoss.get(last.outputs().size() + j), beforeSegments.get(j)));
        }
        return parameters.stream().map(sums::get).toList();
    }

    private static List<Tensor> concat(List<? extends Tensor> first, List<? extends Tensor> second) {
        List<Tensor> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
