package io.timelapse.platform.lm.model;

import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.Linear;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The blocks' projections through {@code [in, out]} copies of their {@code [out, in]} weights, held in
 * the session. With few rows (a decoding step's batch), TensorFlow's CPU GEMM repacks a transposed
 * weight operand on every call, which takes two to three times as long as the product itself (70M
 * shape, 32 rows); the copies pay that once. They are copied when first needed and never refreshed,
 * which is right for a model whose weights no longer change.
 */
final class TransposedProjections implements BiFunction<Linear, Tensor, Tensor> {

    private final Ops ops;
    private final Map<Linear, Variable> copies = new IdentityHashMap<>();

    TransposedProjections(Ops ops, Session session, List<Linear> layers) {
        this.ops = ops;
        List<Operation> writes = new ArrayList<>();
        for (Linear layer : layers) {
            Variable weight = layer.weight();
            Variable copy = ops.stateVariable(layer.name() + ".weight_t", weight.dtype(), Shape.of(layer.inFeatures(), layer.outFeatures()),
                    Initializer.zeros());
            writes.add(ops.assign(copy, ops.transpose(weight, 1, 0)));
            copies.put(layer, copy);
        }
        session.run(Map.of(), List.of(), List.of(ops.group(writes))).close();
    }

    /** {@code x·Wᵀ + b} of {@code layer} over the last axis of {@code x}, the same product as {@link Linear#apply}. */
    @Override
    public Tensor apply(Linear layer, Tensor x) {
        Variable weightT = copies.get(layer);
        if (weightT == null) {
            throw new IllegalArgumentException(layer.name() + " has no transposed copy");
        }
        long[] shape = x.shape().dims();
        shape[shape.length - 1] = layer.outFeatures();
        Tensor y = ops.matmul(ops.reshape(x, -1, layer.inFeatures()), weightT, false, false);
        if (shape.length != 2) {
            y = ops.reshape(y, shape);
        }
        return layer.bias() == null ? y : ops.add(y, layer.bias());
    }
}
