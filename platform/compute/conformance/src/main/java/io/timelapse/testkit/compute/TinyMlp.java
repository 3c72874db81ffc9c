package io.timelapse.testkit.compute;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A two-layer MLP classifier with plain SGD, built from the graph API's operations only. */
final class TinyMlp {

    static final int INPUTS = 16;
    static final int HIDDEN = 32;
    static final int CLASSES = 4;

    final Tensor x;
    final Tensor labels;
    final Tensor loss;
    final Operation step;
    final List<Variable> variables;

    TinyMlp(Graph graph, long batch, double learningRate, double dropout) {
        Ops ops = graph.ops();
        x = ops.placeholder("x", DType.F32, Shape.of(batch, INPUTS));
        labels = ops.placeholder("labels", DType.I32, Shape.of(batch));
        Ops layer1 = ops.scope("layer1");
        Ops layer2 = ops.scope("layer2");
        Variable w1 = layer1.variable("weight", DType.F32, Shape.of(INPUTS, HIDDEN), Initializer.truncatedNormal(0, 0.3));
        Variable b1 = layer1.variable("bias", DType.F32, Shape.of(HIDDEN), Initializer.uniform(-0.1, 0.1));
        Variable w2 = layer2.variable("weight", DType.F32, Shape.of(HIDDEN, CLASSES), Initializer.normal(0, 0.3));
        Variable b2 = layer2.variable("bias", DType.F32, Shape.of(CLASSES), Initializer.zeros());
        Tensor hidden = ops.gelu(ops.add(ops.matmul(x, w1, false, false), b1));
        if (dropout > 0) {
            hidden = ops.dropout(hidden, dropout, ops.constant(HostTensor.scalar(5L)));
        }
        Tensor logits = ops.add(ops.matmul(hidden, w2, false, false), b2);
        loss = ops.mean(ops.sparseCrossEntropy(logits, labels), false);
        variables = List.of(w1, b1, w2, b2);
        List<Tensor> gradients = graph.gradients(loss, variables);
        List<Operation> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Tensor delta = ops.mul(gradients.get(i), ops.scalar(learningRate, DType.F32));
            updates.add(ops.assign(variables.get(i), ops.sub(variables.get(i), delta)));
        }
        step = ops.group(updates);
    }

    /** A batch of inputs from a fixed seed, and labels that depend on them so that they can be learnt. */
    static HostTensor[] batch(long seed, int size) {
        Random random = new Random(seed);
        float[] inputs = new float[size * INPUTS];
        int[] classes = new int[size];
        for (int i = 0; i < size; i++) {
            float sum = 0;
            for (int j = 0; j < INPUTS; j++) {
                inputs[i * INPUTS + j] = (float) random.nextGaussian();
                sum += inputs[i * INPUTS + j] * (j % 3 - 1);
            }
            classes[i] = sum < -1 ? 0 : sum < 0 ? 1 : sum < 1 ? 2 : 3;
        }
        return new HostTensor[] {HostTensor.of(inputs, size, INPUTS), HostTensor.of(classes, size)};
    }
}
