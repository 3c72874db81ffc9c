package io.timelapse.lib.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.TestCompute;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingUtilitiesTest {

    @Test
    void globalNormClippingScalesAllGradientsTogether() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            List<Tensor> grads = List.of(ops.constant(HostTensor.of(new double[] {3, 4}, 2)), ops.constant(HostTensor.of(new double[] {12}, 1)));
            GradientClipping.Clipped clipped = GradientClipping.byGlobalNorm(ops, grads, 6.5);
            GradientClipping.Clipped loose = GradientClipping.byGlobalNorm(ops, grads, 100);
            try (Session session = graph.newSession();
                 Outputs out = session.run(Map.of(), List.of(clipped.globalNorm(), clipped.gradients().get(0), clipped.gradients().get(1),
                         loose.gradients().get(0), loose.gradients().get(1)))) {
                double coefficient = 6.5 / (13 + 1e-6);
                assertEquals(13.0, out.get(0).scalarValue(), 1e-15);
                assertArrayEquals(new double[] {3 * coefficient, 4 * coefficient}, out.get(1).toDoubles(), 1e-15);
                assertArrayEquals(new double[] {12 * coefficient}, out.get(2).toDoubles(), 1e-15);
                assertArrayEquals(new double[] {3, 4}, out.get(3).toDoubles(), 0, "below the bound nothing changes");
                assertArrayEquals(new double[] {12}, out.get(4).toDoubles(), 0);
            }
        }
    }

    @Test
    void movingAverageOfWeights() {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Variable p = graph.ops().scope("layer").variable("weight", DType.F64, Shape.of(2), Initializer.of(HostTensor.of(new double[] {1, 2}, 2)));
            ExponentialMovingAverage ema = new ExponentialMovingAverage(graph, List.of(p), 0.9);
            Variable shadow = ema.shadows().get(p);
            assertEquals("ema.layer.weight", shadow.name());
            try (Session session = graph.newSession()) {
                session.initialize();
                session.run(Map.of(), List.of(), List.of(ema.reset())).close();
                assertArrayEquals(new double[] {1, 2}, session.read(shadow).toDoubles());
                session.assign(p, HostTensor.of(new double[] {3, 4}, 2));
                session.run(Map.of(), List.of(), List.of(ema.update())).close();
                assertArrayEquals(new double[] {1.2, 2.2}, session.read(shadow).toDoubles(), 1e-15);
                session.assign(p, HostTensor.of(new double[] {5, 6}, 2));
                session.run(Map.of(), List.of(), List.of(ema.update())).close();
                assertArrayEquals(new double[] {1.58, 2.58}, session.read(shadow).toDoubles(), 1e-15);
                session.run(Map.of(), List.of(), List.of(ema.copyToParameters())).close();
                assertArrayEquals(new double[] {1.58, 2.58}, session.read(p).toDoubles(), 1e-15);
            }
        }
    }

    /** A linear least-squares model, its batch placeholders and its loss. */
    private record Regression(Variable weight, Tensor x, Tensor y, Tensor loss) {
        static Regression build(Graph graph, int batch) {
            Ops ops = graph.ops();
            Variable weight = ops.scope("fit").variable("weight", DType.F64, Shape.of(3), Initializer.of(HostTensor.of(new double[] {0.5, -0.5, 0.25}, 3)));
            Tensor x = ops.placeholder("x", DType.F64, Shape.of(batch, 3));
            Tensor y = ops.placeholder("y", DType.F64, Shape.of(batch));
            Tensor prediction = ops.sum(ops.mul(x, weight), false, 1);
            return new Regression(weight, x, y, ops.mean(ops.square(ops.sub(prediction, y)), false));
        }
    }

    @Test
    void accumulatingFourMicroBatchesEqualsOneStepOnTheWholeBatch() {
        Random random = new Random(5);
        double[] xs = new double[3 * 8 * 3];
        double[] ys = new double[8 * 3];
        Arrays.setAll(xs, i -> random.nextGaussian());
        Arrays.setAll(ys, i -> random.nextGaussian());
        LearningRateSchedule lr = new LearningRateSchedule.Constant(0.05);
        double[] whole;
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            StepCounter step = StepCounter.create(graph);
            Regression model = Regression.build(graph, 8);
            Operation update = new Sgd(graph, step, lr, 0.9, 0, 0, false).minimize(model.loss(), List.of(model.weight()));
            try (Session session = graph.newSession()) {
                session.initialize();
                for (int s = 0; s < 3; s++) {
                    Map<Tensor, HostTensor> feeds = Map.of(model.x(), HostTensor.of(Arrays.copyOfRange(xs, 24 * s, 24 * s + 24), 8, 3),
                            model.y(), HostTensor.of(Arrays.copyOfRange(ys, 8 * s, 8 * s + 8), 8));
                    session.run(feeds, List.of(), List.of(update)).close();
                }
                whole = session.read(model.weight()).toDoubles();
            }
        }
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            StepCounter step = StepCounter.create(graph);
            Regression model = Regression.build(graph, 2);
            List<Variable> params = List.of(model.weight());
            GradientAccumulation accumulation = new GradientAccumulation(graph, params, graph.gradients(model.loss(), params), 4);
            Operation apply = accumulation.apply(new Sgd(graph, step, lr, 0.9, 0, 0, false));
            try (Session session = graph.newSession()) {
                session.initialize();
                for (int s = 0; s < 3; s++) {
                    for (int micro = 0; micro < 4; micro++) {
                        int row = 8 * s + 2 * micro;
                        Map<Tensor, HostTensor> feeds = Map.of(model.x(), HostTensor.of(Arrays.copyOfRange(xs, 3 * row, 3 * row + 6), 2, 3),
                                model.y(), HostTensor.of(Arrays.copyOfRange(ys, row, row + 2), 2));
                        session.run(feeds, List.of(), List.of(micro < 3 ? accumulation.accumulate() : apply)).close();
                    }
                }
                assertArrayEquals(whole, session.read(model.weight()).toDoubles(), 1e-14);
                assertEquals(3, session.read(step.variable()).scalarValue(), "one optimizer step per four micro-batches");
                Variable sum = graph.variables().stream().filter(v -> v.name().equals("accum.fit.weight")).findFirst().orElseThrow();
                assertArrayEquals(new double[3], session.read(sum).toDoubles(), 0, "sums are zero after the update");
            }
        }
    }

    /**
     * Two variants of one step, each with its own accumulation pass over the same sums, run by the loop on four
     * micro-batches: the update is that of the whole batch, and the logged loss (averaged) is the whole batch's loss.
     */
    @Test
    void aLoopOfVariantsWithTheirOwnPassesStepsOnTheMeanGradientAndLogsTheMeanLoss() throws IOException {
        Random random = new Random(6);
        double[] xs = new double[8 * 3];
        double[] ys = new double[8];
        Arrays.setAll(xs, i -> random.nextGaussian());
        Arrays.setAll(ys, i -> random.nextGaussian());
        LearningRateSchedule lr = new LearningRateSchedule.Constant(0.05);
        double[] whole;
        double wholeLoss;
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            StepCounter step = StepCounter.create(graph);
            Regression model = Regression.build(graph, 8);
            Operation update = new Sgd(graph, step, lr, 0, 0, 0, false).minimize(model.loss(), List.of(model.weight()));
            try (Session session = graph.newSession()) {
                session.initialize();
                try (Outputs out = session.run(Map.of(model.x(), HostTensor.of(xs, 8, 3), model.y(), HostTensor.of(ys, 8)),
                        List.of(model.loss()), List.of(update))) {
                    wholeLoss = out.get(0).scalarValue();
                }
                whole = session.read(model.weight()).toDoubles();
            }
        }
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            StepCounter step = StepCounter.create(graph);
            Regression model = Regression.build(graph, 2);
            List<Variable> params = List.of(model.weight());
            GradientAccumulation accumulation = new GradientAccumulation(graph, params, 4);
            Sgd sgd = new Sgd(graph, step, lr, 0, 0, 0, false);
            Map<Integer, TrainingLoop.Variant> variants = new LinkedHashMap<>();
            for (int variant = 1; variant <= 2; variant++) {
                GradientAccumulation.Pass pass = accumulation.pass(graph.gradients(model.loss(), params));
                Operation update = graph.ops().group(List.of(sgd.update(params, pass.meanGradients()), pass.reset()));
                variants.put(variant, new TrainingLoop.Variant(update, Map.of("loss", model.loss()), pass.accumulate(), Set.of("loss")));
            }
            try (Session session = graph.newSession()) {
                TrainingLoop.Result result = TrainingLoop.builder().graph(graph, session).stepCounter(step).variants(s -> 2, variants)
                        .microBatches(4).batches((s, micro) -> Map.of(model.x(), HostTensor.of(Arrays.copyOfRange(xs, 6 * micro, 6 * micro + 6), 2, 3),
                                model.y(), HostTensor.of(Arrays.copyOfRange(ys, 2 * micro, 2 * micro + 2), 2)))
                        .configHash("test").build().run(1);
                assertArrayEquals(whole, session.read(model.weight()).toDoubles(), 1e-14);
                assertEquals(wholeLoss, result.lastMetrics().get("loss"), 1e-14, "the mean of the four micro-batches' losses");
                assertEquals(1, session.read(step.variable()).scalarValue(), "one optimizer step per four micro-batches");
            }
        }
    }
}
