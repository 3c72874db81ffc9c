package io.timelapse.lib.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Initializer;
import io.timelapse.api.compute.Operation;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.checkpoint.CheckpointSchedule;
import io.timelapse.lib.checkpoint.ConfigHash;
import io.timelapse.lib.nn.Activation;
import io.timelapse.lib.nn.Dropout;
import io.timelapse.lib.nn.Linear;
import io.timelapse.lib.nn.TestCompute;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small classifier trained by the loop: it learns, it is reproducible, and a killed run resumes to the same weights. */
class TrainingLoopTest {

    private static final int EXAMPLES = 64;
    private static final int FEATURES = 10;
    private static final int CLASSES = 4;
    private static final int BATCH = 16;
    private static final String CONFIG = ConfigHash.of(Map.of("model", "mlp-10-32-4", "optimizer", "adamw"));

    /** Random features and labels, the same for every run. */
    private static final float[] FEATURES_DATA = new float[EXAMPLES * FEATURES];
    private static final int[] LABELS = new int[EXAMPLES];

    static {
        Random random = new Random(2024);
        for (int i = 0; i < FEATURES_DATA.length; i++) {
            FEATURES_DATA[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < EXAMPLES; i++) {
            LABELS[i] = random.nextInt(CLASSES);
        }
    }

    /** A 10-32-4 MLP classifier with dropout, AdamW on a warm-up + cosine schedule, clipping and an EMA. */
    private static final class Run implements AutoCloseable {
        final Graph graph;
        final Session session;
        final StepCounter step;
        final Tensor x;
        final Tensor labels;
        final Tensor loss;
        final Operation update;
        final ExponentialMovingAverage ema;
        final Optimizer optimizer;
        final GradientClipping.Clipped clipped;

        Run(long seed, int batch, double dropout) {
            graph = TestCompute.SERVICE.newGraph(seed);
            Ops ops = graph.ops();
            step = StepCounter.create(graph);
            x = ops.placeholder("x", DType.F32, Shape.of(batch, FEATURES));
            labels = ops.placeholder("labels", DType.I32, Shape.of(batch));
            Ops model = ops.scope("mlp");
            Linear fc1 = new Linear(model.scope("fc1"), FEATURES, 32, true, DType.F32);
            Linear fc2 = new Linear(model.scope("fc2"), 32, CLASSES, true, DType.F32);
            Tensor hidden = new Dropout(model.scope("drop"), dropout).apply(Activation.RELU.apply(ops, fc1.apply(x)), step.variable(), dropout > 0);
            loss = ops.mean(ops.sparseCrossEntropy(fc2.apply(hidden), labels), false);
            List<Variable> params = new ArrayList<>(fc1.parameters().values());
            params.addAll(fc2.parameters().values());
            clipped = GradientClipping.byGlobalNorm(ops, graph.gradients(loss, params), 5.0);
            optimizer = Adam.adamW(graph, step, new LearningRateSchedule.LinearWarmup(5, new LearningRateSchedule.Cosine(0.02, 0.002, 195)));
            update = optimizer.update(params, clipped.gradients());
            ema = new ExponentialMovingAverage(graph, params, 0.9);
            session = graph.newSession();
        }

        TrainingLoop.Builder loop(TrainingLoop.Batches batches) {
            return TrainingLoop.builder().graph(graph, session).stepCounter(step).trainStep(update).batches(batches).configHash(CONFIG)
                    .afterInitialize(ema.reset()).afterStep(ema.update())
                    .metric("loss", loss).metric("lr", optimizer.learningRate()).metric("grad_norm", clipped.globalNorm());
        }

        /** Every variable's bytes, by name. */
        Map<String, float[]> state() {
            Map<String, float[]> values = new LinkedHashMap<>();
            for (Variable variable : graph.variables()) {
                values.put(variable.name(), session.read(variable).toFloats());
            }
            return values;
        }

        @Override
        public void close() {
            graph.close();
        }
    }

    /** Examples step·16 … step·16+15 (mod 64): a pure function of the step. */
    private static Map<Tensor, HostTensor> batch(Run run, long step) {
        float[] xs = new float[BATCH * FEATURES];
        int[] ys = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            int row = (int) ((step * BATCH + i) % EXAMPLES);
            System.arraycopy(FEATURES_DATA, row * FEATURES, xs, i * FEATURES, FEATURES);
            ys[i] = LABELS[row];
        }
        return Map.of(run.x, HostTensor.of(xs, BATCH, FEATURES), run.labels, HostTensor.of(ys, BATCH));
    }

    @Test
    void aTinyMlpLearnsRandomLabels(@TempDir Path dir) throws IOException {
        try (Run run = new Run(11, EXAMPLES, 0)) {
            Map<Tensor, HostTensor> all = Map.of(run.x, HostTensor.of(FEATURES_DATA, EXAMPLES, FEATURES), run.labels, HostTensor.of(LABELS, EXAMPLES));
            TrainingLoop.Result result = run.loop((step, micro) -> all).metrics(dir, 1).build().run(200);
            List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
            assertEquals("step,loss,lr,grad_norm", csv.get(0));
            assertEquals(201, csv.size());
            String[] first = csv.get(1).split(",");
            assertEquals("1", first[0]);
            double initial = Double.parseDouble(first[1]);
            assertTrue(initial > 1.2 && initial < 1.8, "an untrained 4-class classifier starts near ln 4: " + initial);
            assertEquals(0.0, Double.parseDouble(first[2]), "warm-up starts at 0");
            double last = result.lastMetrics().get("loss");
            assertTrue(last < 0.05, "memorises 64 random labels: loss " + last);
            assertEquals(last, Double.parseDouble(csv.get(200).split(",")[1]), 1e-6);
        }
    }

    @Test
    void theSameSeedGivesBitIdenticalTrainingAndAnotherSeedDoesNot() throws IOException {
        Map<String, float[]> a;
        Map<String, float[]> b;
        Map<String, float[]> c;
        try (Run run = new Run(3, BATCH, 0.2)) {
            run.loop((step, micro) -> batch(run, step)).build().run(10);
            a = run.state();
        }
        try (Run run = new Run(3, BATCH, 0.2)) {
            run.loop((step, micro) -> batch(run, step)).build().run(10);
            b = run.state();
        }
        try (Run run = new Run(4, BATCH, 0.2)) {
            run.loop((step, micro) -> batch(run, step)).build().run(10);
            c = run.state();
        }
        assertEquals(a.keySet(), b.keySet());
        a.forEach((name, values) -> assertArrayEquals(values, b.get(name), name));
        assertFalse(java.util.Arrays.equals(a.get("mlp.fc1.weight"), c.get("mlp.fc1.weight")));
    }

    @Test
    void aKilledRunResumesFromTheLastCompleteCheckpointToIdenticalWeights(@TempDir Path dir) throws IOException {
        Map<String, float[]> uninterrupted;
        try (Run run = new Run(9, BATCH, 0.2)) {
            run.loop((step, micro) -> batch(run, step)).checkpoints(dir.resolve("straight"), CheckpointSchedule.every(3)).build().run(12);
            uninterrupted = run.state();
        }
        assertTrue(uninterrupted.containsKey("opt.adamw.m.mlp.fc1.weight"));
        assertTrue(uninterrupted.containsKey("ema.mlp.fc2.bias"));
        assertTrue(uninterrupted.containsKey(StepCounter.NAME));

        Path checkpoints = dir.resolve("killed");
        Path metrics = dir.resolve("metrics");
        try (Run run = new Run(9, BATCH, 0.2)) {
            TrainingLoop loop = run.loop((step, micro) -> {
                if (step == 7) {
                    throw new IllegalStateException("killed");
                }
                return batch(run, step);
            }).checkpoints(checkpoints, CheckpointSchedule.every(3)).metrics(metrics, 1).build();
            assertThrows(IllegalStateException.class, () -> loop.run(12));
        }
        Path latest = checkpoints.resolve("step-000000006.safetensors");
        assertTrue(Files.exists(latest));
        try (FileChannel channel = FileChannel.open(latest, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 100);
        }

        try (Run run = new Run(9, BATCH, 0.2)) {
            TrainingLoop.Result result = run.loop((step, micro) -> batch(run, step)).checkpoints(checkpoints, CheckpointSchedule.every(3))
                    .metrics(metrics, 1).build().run(12);
            assertTrue(result.resumed());
            assertEquals(3, result.startStep(), "the truncated step-6 checkpoint is skipped");
            assertEquals(List.of(6L, 9L, 12L), result.checkpointsWritten());
            Map<String, float[]> resumed = run.state();
            assertEquals(uninterrupted.keySet(), resumed.keySet());
            uninterrupted.forEach((name, values) -> assertArrayEquals(values, resumed.get(name), name + " after resuming"));
        }
        List<String> rows = Files.readAllLines(metrics.resolve("metrics.csv"));
        List<String> steps = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            steps.add(row.substring(0, row.indexOf(',')));
        }
        assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"), steps, "killed steps 4-7 are logged once");
    }

    @Test
    void logSpacedAndExplicitCheckpointSchedules(@TempDir Path dir) throws IOException {
        try (Run run = new Run(1, BATCH, 0)) {
            TrainingLoop.Result result = run.loop((step, micro) -> batch(run, step))
                    .checkpoints(dir, CheckpointSchedule.logSpaced().or(CheckpointSchedule.steps(0, 3, 5))).build().run(10);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 8L), result.checkpointsWritten());
            assertTrue(Files.exists(dir.resolve("step-000000008.safetensors")));
        }
    }

    @Test
    void theListenerHearsEveryStepWithItsMetricsAndEveryCheckpointAsItIsWritten(@TempDir Path dir) throws IOException {
        List<String> heard = new ArrayList<>();
        Map<String, Double> lastHeard = new LinkedHashMap<>();
        TrainingLoop.Listener listener = new TrainingLoop.Listener() {
            @Override
            public void checkpointWritten(long step, Path file) {
                assertTrue(Files.isRegularFile(file), file.toString());
                heard.add("checkpoint " + step + " " + file.getFileName());
            }

            @Override
            public void stepCompleted(long completedSteps, Map<String, Double> metrics) {
                heard.add("step " + completedSteps);
                lastHeard.putAll(metrics);
            }
        };
        try (Run run = new Run(1, BATCH, 0)) {
            TrainingLoop.Result result = run.loop((step, micro) -> batch(run, step)).checkpoints(dir, CheckpointSchedule.steps(0, 2))
                    .listener(listener).build().run(3);
            assertEquals(List.of("checkpoint 0 step-000000000.safetensors", "step 1", "checkpoint 2 step-000000002.safetensors", "step 2", "step 3"),
                    heard, "a step is reported after its checkpoint");
            assertEquals(List.of("loss", "lr", "grad_norm"), List.copyOf(lastHeard.keySet()));
            assertEquals(result.lastMetrics(), lastHeard);
        }
    }

    @Test
    void variantsRunTheStepChosenForEachStepAndResumeWithTheSameChoices(@TempDir Path dir) throws IOException {
        assertEquals(11.0, totalAfterVariants(dir, 2), "steps 0 and 1 add 1 and 10");
        assertEquals(23.0, totalAfterVariants(dir, 5), "resumed at the checkpoint of step 2, steps 2, 3 and 4 add 1, 10 and 1");
    }

    /** Even steps add 1 to a total, odd ones 10; both count the step. */
    private static double totalAfterVariants(Path checkpoints, long steps) throws IOException {
        try (Graph graph = TestCompute.SERVICE.newGraph(0)) {
            Ops ops = graph.ops();
            StepCounter step = StepCounter.create(graph);
            Variable total = ops.variable("total", DType.F64, Shape.scalar(), Initializer.zeros());
            Map<Integer, TrainingLoop.Variant> variants = new LinkedHashMap<>();
            for (int add : new int[] {1, 10}) {
                Operation update = ops.group(List.of(ops.assignAdd(total, ops.scalar(add, DType.F64)), step.increment()));
                variants.put(add, new TrainingLoop.Variant(update, Map.of("total", total)));
            }
            try (Session session = graph.newSession()) {
                TrainingLoop.builder().graph(graph, session).stepCounter(step).variants(completed -> completed % 2 == 0 ? 1 : 10, variants)
                        .batches((s, micro) -> Map.of()).checkpoints(checkpoints, CheckpointSchedule.steps(2)).configHash(CONFIG).build()
                        .run(steps);
                return session.read(total).scalarValue();
            }
        }
    }
}
