package io.timelapse.platform.compute.tensorflow.graph;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;

/** One output of a TensorFlow graph operation. */
class TfTensor implements Tensor {

    private final Output<?> output;
    private final TfGraph graph;

    TfTensor(Output<?> output, TfGraph graph) {
        this.output = output;
        this.graph = graph;
    }

    Output<?> output() {
        return output;
    }

    TfGraph graph() {
        return graph;
    }

    @Override
    public DType dtype() {
        return DTypes.fromTf(output.dataType());
    }

    @Override
    public Shape shape() {
        return Shapes.fromTf(output.shape());
    }

    @Override
    public Operation op() {
        return new TfOperation((GraphOperation) output.op());
    }

    @Override
    public String toString() {
        return output.op().name() + ":" + output.index() + " " + dtype() + shape();
    }

    /** The backend's view of an API tensor; tensors of another graph are refused. */
    static TfTensor of(Tensor tensor, TfGraph graph) {
        if (tensor instanceof TfTensor tf && tf.graph == graph) {
            return tf;
        }
        throw new IllegalArgumentException("tensor " + tensor.name() + " belongs to another graph");
    }
}
