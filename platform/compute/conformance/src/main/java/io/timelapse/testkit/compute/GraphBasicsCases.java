package io.timelapse.testkit.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.NotDifferentiableException;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Graphs, scoped and seeded variables, gradients and sessions at their simplest. */
abstract class GraphBasicsCases {

    private final ComputeService compute;

    GraphBasicsCases(ComputeService compute) {
        this.compute = compute;
    }

    @Test
    void matmulOfFedValues() {
        try (Graph graph = compute.newGraph(1)) {
            Ops ops = graph.ops();
            Tensor a = ops.placeholder("a", DType.F32, Shape.of(2, 3));
            Tensor b = ops.constant(HostTensor.of(new float[] {1, 0, 0, 1, 1, 1}, 3, 2));
            Tensor c = ops.matmul(a, b, false, false);
            try (Session session = graph.newSession();
                 Outputs out = session.run(Map.of(a, HostTensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)), List.of(c))) {
                assertEquals(Shape.of(2, 2), out.get(0).shape());
                assertArrayEquals(new float[] {4, 5, 10, 11}, out.get(0).toFloats());
            }
        }
    }

    @Test
    void variablesGetScopedNamesAndSeededValues() {
        float[] first;
        try (Graph graph = compute.newGraph(42)) {
            Variable w = graph.ops().scope("gpt_neox").scope("layers.0").scope("attention")
                    .variable("weight", DType.F32, Shape.of(4, 3), Initializer.normal(0, 1));
            assertEquals("gpt_neox.layers.0.attention.weight", w.name());
            try (Session session = graph.newSession()) {
                session.initialize();
                first = session.read(w).toFloats();
            }
        }
        try (Graph graph = compute.newGraph(42)) {
            graph.ops().variable("other", DType.F32, Shape.of(2), Initializer.normal(0, 1));
            Variable w = graph.ops().scope("gpt_neox").scope("layers.0").scope("attention")
                    .variable("weight", DType.F32, Shape.of(4, 3), Initializer.normal(0, 1));
            try (Session session = graph.newSession()) {
                session.initialize();
                assertArrayEquals(first, session.read(w).toFloats(), "same seed and name, same values, whatever the order");
            }
        }
    }

    @Test
    void gradientOfLinearRegressionStep() {
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Variable w = ops.variable("w", DType.F64, Shape.scalar(), Initializer.zeros());
            Variable b = ops.variable("b", DType.F64, Shape.scalar(), Initializer.zeros());
            Tensor x = ops.constant(HostTensor.of(new double[] {1, 2, 3, 4}));
            Tensor y = ops.constant(HostTensor.of(new double[] {3, 5, 7, 9}));
            Tensor loss = ops.mean(ops.square(ops.sub(ops.add(ops.mul(w, x), b), y)), false);
            List<Tensor> grads = graph.gradients(loss, List.of(w, b));
            try (Session session = graph.newSession()) {
                session.initialize();
                try (Outputs out = session.run(Map.of(), grads)) {
                    assertEquals(-35.0, out.get(0).scalarValue(), 1e-12);
                    assertEquals(-12.0, out.get(1).scalarValue(), 1e-12);
                }
                session.assign(w, HostTensor.scalar(2.0));
                session.assign(b, HostTensor.scalar(1.0));
                try (Outputs out = session.run(Map.of(), List.of(loss))) {
                    assertEquals(0.0, out.get(0).scalarValue(), 1e-12);
                }
            }
        }
    }

    @Test
    void topKValuesAreDifferentiableButItsIndicesAreNot() {
        try (Graph graph = compute.newGraph(0)) {
            Ops ops = graph.ops();
            Variable x = ops.variable("x", DType.F32, Shape.of(5), Initializer.of(HostTensor.of(new float[] {3, 1, 4, 1, 5})));
            Tensor values = ops.sum(ops.topK(x, 2).values(), false);
            Tensor valueGradient = graph.gradients(values, List.of(x)).get(0);
            try (Session session = graph.newSession()) {
                session.initialize();
                try (Outputs out = session.run(Map.of(), List.of(valueGradient))) {
                    assertArrayEquals(new float[] {0, 0, 1, 0, 1}, out.get(0).toFloats());
                }
            }
            Tensor indices = ops.sum(ops.cast(ops.topK(x, 2).indices(), DType.F32), false);
            NotDifferentiableException error = assertThrows(NotDifferentiableException.class, () -> graph.gradients(indices, List.of(x)));
            assertTrue(OperationNames.names(error.getMessage(), "topK") && error.getMessage().contains("integer"), error.getMessage());
        }
    }
}
