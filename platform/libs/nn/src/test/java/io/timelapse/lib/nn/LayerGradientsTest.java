package io.timelapse.lib.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every parameter of the layers gets a gradient, and it agrees with central finite differences (float64). */
class LayerGradientsTest {

    private static void checkAgainstFiniteDifferences(Graph graph, Tensor loss, Map<String, Variable> parameters) {
        List<Variable> variables = new ArrayList<>(parameters.values());
        List<Tensor> gradients = graph.gradients(loss, variables);
        try (Session session = graph.newSession()) {
            session.initialize();
            for (int v = 0; v < variables.size(); v++) {
                Variable variable = variables.get(v);
                double[] analytic;
                try (Outputs out = session.run(Map.of(), List.of(gradients.get(v)))) {
                    analytic = out.get(0).toDoubles();
                }
                double[] values = session.read(variable).toDoubles();
                for (int index : new int[] {0, values.length / 2, values.length - 1}) {
                    double original = values[index];
                    double h = 1e-6;
                    values[index] = original + h;
                    double plus = lossAt(session, variable, values, loss);
                    values[index] = original - h;
                    double minus = lossAt(session, variable, values, loss);
                    values[index] = original;
                    session.assign(variable, HostTensor.fromDoubles(DType.F64, variable.shape(), values));
                    double numeric = (plus - minus) / (2 * h);
                    assertEquals(numeric, analytic[index], 1e-6 * Math.max(1, Math.abs(numeric)), variable.name() + "[" + index + "]");
                }
            }
        }
    }

    private static double lossAt(Session session, Variable variable, double[] values, Tensor loss) {
        session.assign(variable, HostTensor.fromDoubles(DType.F64, variable.shape(), values));
        try (Outputs out = session.run(Map.of(), List.of(loss))) {
            return out.get(0).scalarValue();
        }
    }

    @Test
    void transformerLayers() {
        try (Graph graph = TestCompute.SERVICE.newGraph(21)) {
            Ops ops = graph.ops();
            Embedding embedding = new Embedding(ops.scope("embed"), 10, 8, DType.F64);
            MultiHeadAttention attention = new MultiHeadAttention(ops.scope("attention"), MultiHeadAttention.Config.gptNeoX(8, 2, 0.5, 10000), DType.F64);
            LayerNorm norm = new LayerNorm(ops.scope("norm"), 8, DType.F64);
            Mlp mlp = new Mlp(ops.scope("mlp"), 8, 12, Activation.GELU, DType.F64);
            Tensor x = embedding.apply(ops.constant(HostTensor.of(new int[] {1, 4, 4, 9, 0, 2}, 2, 3)));
            Tensor padding = ops.constant(HostTensor.of(new boolean[] {true, true, true, true, true, false}, 2, 3));
            Tensor y = mlp.apply(norm.apply(attention.apply(x, AttentionMask.causal(padding))));
            Tensor loss = ops.sum(ops.mul(y, ops.sin(y)), false);
            Map<String, Variable> parameters = new java.util.LinkedHashMap<>(embedding.parameters());
            parameters.putAll(attention.parameters());
            parameters.putAll(norm.parameters());
            parameters.putAll(mlp.parameters());
            assertEquals(11, parameters.size());
            checkAgainstFiniteDifferences(graph, loss, parameters);
        }
    }

    @Test
    void convolutionAndPooling() {
        try (Graph graph = TestCompute.SERVICE.newGraph(22)) {
            Ops ops = graph.ops();
            Conv2d conv = new Conv2d(ops.scope("conv"), 2, 3, 3, 1, 1, true, DType.F64);
            Tensor x = ops.randomNormal(io.timelapse.api.compute.Shape.of(1, 5, 5, 2), DType.F64, 0, 1, 5);
            Tensor pooled = new MaxPool2d(2, 2, 0).apply(ops, conv.apply(x));
            Tensor averaged = new AvgPool2d(3, 1, 1).apply(ops, conv.apply(x));
            Tensor loss = ops.add(ops.sum(ops.square(pooled), false), ops.sum(ops.tanh(averaged), false));
            checkAgainstFiniteDifferences(graph, loss, conv.parameters());
        }
    }
}
