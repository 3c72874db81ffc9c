package io.timelapse.lib.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.TestCompute;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The first three steps of each optimizer against numpy trajectories from PyTorch's update rules (optimizers.npz, see README). */
class OptimizersTest {

    private static final LearningRateSchedule LR = new LearningRateSchedule.Constant(0.1);
    private static Map<String, HostTensor> reference;

    @BeforeAll
    static void load() throws IOException {
        reference = TestCompute.npz(OptimizersTest.class, "optimizers.npz");
    }

    /** Runs three updates with the reference gradients and compares each step's parameters. */
    private static void check(String expected, BiFunction<Graph, StepCounter, Optimizer> optimizer, List<String> slots) {
        double[] grads = reference.get("grads").toDoubles();
        double[] trajectory = reference.get(expected).toDoubles();
        try (Graph graph = TestCompute.SERVICE.newGraph(1)) {
            StepCounter step = StepCounter.create(graph);
            Variable p = graph.ops().scope("layer").variable("weight", DType.F64, Shape.of(6), Initializer.of(reference.get("p0")));
            Tensor g = graph.ops().placeholder("g", DType.F64, Shape.of(6));
            Optimizer opt = optimizer.apply(graph, step);
            Operation update = opt.update(List.of(p), List.of(g));
            assertEquals(slots, List.copyOf(opt.slots().keySet()));
            try (Session session = graph.newSession()) {
                session.initialize();
                for (int t = 0; t < 3; t++) {
                    HostTensor grad = HostTensor.of(Arrays.copyOfRange(grads, 6 * t, 6 * t + 6), 6);
                    session.run(Map.of(g, grad), List.of(), List.of(update)).close();
                    double[] actual = session.read(p).toDoubles();
                    for (int i = 0; i < 6; i++) {
                        assertEquals(trajectory[6 * t + i], actual[i], 1e-13, expected + " step " + (t + 1) + " element " + i);
                    }
                    assertEquals(t + 1, session.read(step.variable()).scalarValue());
                }
            }
        }
    }

    /** With a zero gradient an AdamW step only decays: p·(1 − lr·λ), and not at all for exempt names. */
    @Test
    void adamWLeavesExemptParametersUndecayed() {
        try (Graph graph = TestCompute.SERVICE.newGraph(1)) {
            StepCounter step = StepCounter.create(graph);
            Variable weight = graph.ops().scope("layer").variable("weight", DType.F64, Shape.of(2), Initializer.constant(2));
            Variable bias = graph.ops().scope("layer").variable("bias", DType.F64, Shape.of(2), Initializer.constant(2));
            Variable norm = graph.ops().scope("final_layer_norm").variable("weight", DType.F64, Shape.of(2), Initializer.constant(2));
            List<Variable> parameters = List.of(weight, bias, norm);
            List<Tensor> zeros = List.of(graph.ops().zerosLike(weight), graph.ops().zerosLike(bias), graph.ops().zerosLike(norm));
            Optimizer opt = Adam.adamW(graph, step, LR, Adam.BETA1, Adam.BETA2, Adam.EPS, 0.5, Adam.BIASES_AND_NORMS);
            Operation update = opt.update(parameters, zeros);
            try (Session session = graph.newSession()) {
                session.initialize();
                session.run(Map.of(), List.of(), List.of(update)).close();
                assertEquals(2 * (1 - 0.1 * 0.5), session.read(weight).get(0), 1e-15);
                assertEquals(2, session.read(bias).get(0), 0);
                assertEquals(2, session.read(norm).get(0), 0);
            }
        }
    }

    @Test
    void sgd() {
        check("sgd_plain", (graph, step) -> new Sgd(graph, step, LR), List.of());
    }

    @Test
    void sgdWithMomentumDampeningAndWeightDecay() {
        check("sgd_momentum", (graph, step) -> new Sgd(graph, step, LR, 0.9, 0.1, 0.01, false),
                List.of("opt.sgd.momentum_buffer.layer.weight"));
    }

    @Test
    void sgdNesterov() {
        check("sgd_nesterov", (graph, step) -> new Sgd(graph, step, LR, 0.9, 0, 0, true), List.of("opt.sgd.momentum_buffer.layer.weight"));
    }

    @Test
    void adamWithDefaults() {
        check("adam", (graph, step) -> Adam.adam(graph, step, LR), List.of("opt.adam.m.layer.weight", "opt.adam.v.layer.weight"));
    }

    @Test
    void adamWithL2() {
        check("adam_l2", (graph, step) -> Adam.adam(graph, step, LR, 0.8, 0.99, 1e-6, 0.1), List.of("opt.adam.m.layer.weight", "opt.adam.v.layer.weight"));
    }

    @Test
    void adamWWithDefaultDecoupledDecay() {
        check("adamw", (graph, step) -> Adam.adamW(graph, step, LR), List.of("opt.adamw.m.layer.weight", "opt.adamw.v.layer.weight"));
    }

    @Test
    void adamWWithStrongDecay() {
        check("adamw_strong", (graph, step) -> Adam.adamW(graph, step, LR, 0.5, 0.9, 1e-8, 0.5),
                List.of("opt.adamw.m.layer.weight", "opt.adamw.v.layer.weight"));
    }

    @Test
    void float32AdamWStaysCloseToTheFloat64Reference() {
        double[] grads = reference.get("grads").toDoubles();
        double[] trajectory = reference.get("adamw").toDoubles();
        try (Graph graph = TestCompute.SERVICE.newGraph(1)) {
            StepCounter step = StepCounter.create(graph);
            HostTensor p0 = HostTensor.fromDoubles(DType.F32, Shape.of(6), reference.get("p0").toDoubles());
            Variable p = graph.ops().variable("w", DType.F32, Shape.of(6), Initializer.of(p0));
            Tensor g = graph.ops().placeholder("g", DType.F32, Shape.of(6));
            Operation update = Adam.adamW(graph, step, LR).update(List.of(p), List.of(g));
            try (Session session = graph.newSession()) {
                session.initialize();
                for (int t = 0; t < 3; t++) {
                    HostTensor grad = HostTensor.fromDoubles(DType.F32, Shape.of(6), Arrays.copyOfRange(grads, 6 * t, 6 * t + 6));
                    session.run(Map.of(g, grad), List.of(), List.of(update)).close();
                }
                double[] actual = session.read(p).toDoubles();
                for (int i = 0; i < 6; i++) {
                    assertTrue(Math.abs(trajectory[12 + i] - actual[i]) < 1e-5, "element " + i);
                }
            }
        }
    }
}
