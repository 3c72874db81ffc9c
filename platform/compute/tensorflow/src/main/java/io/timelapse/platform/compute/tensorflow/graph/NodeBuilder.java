package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.GraphOperation;
import org.tensorflow.GraphOperationBuilder;
import org.tensorflow.Output;

/**
 * Builds one TensorFlow operation by type name. Type attributes that TensorFlow infers from the
 * inputs (such as {@code T}) are left to it, which keeps the backend free of per-dtype code.
 */
final class NodeBuilder {

    private final TfGraph graph;
    private final GraphOperationBuilder builder;

    NodeBuilder(TfGraph graph, GraphOperationBuilder builder) {
        this.graph = graph;
        this.builder = builder;
    }

    NodeBuilder input(Tensor tensor) {
        builder.addInput(TfTensor.of(tensor, graph).output());
        return this;
    }

    NodeBuilder input(Output<?> output) {
        builder.addInput(output);
        return this;
    }

    NodeBuilder inputs(List<? extends Tensor> tensors) {
        Output<?>[] outputs = new Output<?>[tensors.size()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = TfTensor.of(tensors.get(i), graph).output();
        }
        builder.addInputList(outputs);
        return this;
    }

    NodeBuilder attr(String name, long value) {
        builder.setAttr(name, value);
        return this;
    }

    NodeBuilder attr(String name, long[] value) {
        builder.setAttr(name, value);
        return this;
    }

    NodeBuilder attr(String name, float value) {
        builder.setAttr(name, value);
        return this;
    }

    NodeBuilder attr(String name, boolean value) {
        builder.setAttr(name, value);
        return this;
    }

    NodeBuilder attr(String name, String value) {
        builder.setAttr(name, value);
        return this;
    }

    NodeBuilder attr(String name, DType value) {
        builder.setAttr(name, DTypes.toTf(value));
        return this;
    }

    NodeBuilder attr(String name, io.timelapse.api.compute.Shape value) {
        builder.setAttr(name, Shapes.toTf(value));
        return this;
    }

    NodeBuilder attr(String name, org.tensorflow.Tensor value) {
        builder.setAttr(name, value);
        return this;
    }

    NodeBuilder controlInput(TfOperation operation) {
        builder.addControlInput(operation.native_());
        return this;
    }

    GraphOperation build() {
        return builder.build();
    }

    /** Builds the operation and returns its single (first) output. */
    TfTensor output() {
        return new TfTensor(build().output(0), graph);
    }

    List<Tensor> outputs() {
        GraphOperation operation = build();
        List<Tensor> outputs = new ArrayList<>();
        for (int i = 0; i < operation.numOutputs(); i++) {
            outputs.add(new TfTensor(operation.output(i), graph));
        }
        return outputs;
    }

    TfOperation operation() {
        return new TfOperation(build());
    }
}
