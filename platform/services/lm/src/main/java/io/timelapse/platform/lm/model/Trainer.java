package io.timelapse.platform.lm.model;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.api.data.TrainingData;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.lm.TrainingListener;
import io.timelapse.api.lm.TrainingPlan;
import io.timelapse.api.lm.TrainingResult;
import io.timelapse.lib.checkpoint.CheckpointDirectory;
import io.timelapse.lib.checkpoint.CheckpointSchedule;
import io.timelapse.lib.checkpoint.ConfigHash;
import io.timelapse.lib.train.Adam;
import io.timelapse.lib.train.LearningRateSchedule;
import io.timelapse.lib.train.Optimizer;
import io.timelapse.lib.train.StepCounter;
import io.timelapse.lib.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains a GPT-NeoX model from scratch with {@code lib.train}: AdamW (β = 0.9, 0.95, as GPT-NeoX),
 * linear warm-up then cosine decay to a tenth of the peak, and the training loop's resumable
 * checkpoints of every variable in {@code state/}. Each scheduled checkpoint is also exported, as
 * soon as it is written, as a Hugging Face model directory {@code step<N>/} that
 * {@link NeoXModels#load} reads. Row i of the data is trained at step i / batch, so a resumed run
 * reaches the same weights.
 */
final class Trainer {

    private final ComputeService compute;
    private final TrainingPlan plan;
    private final TrainingListener listener;

    Trainer(ComputeService compute, TrainingPlan plan, TrainingListener listener) {
        this.compute = compute;
        this.plan = plan;
        this.listener = listener;
    }

    TrainingResult run() throws IOException {
        Path out = plan.outputDirectory();
        Files.createDirectories(out);
        CheckpointSchedule schedule = CheckpointSchedule.parse(plan.checkpointSchedule()).or(CheckpointSchedule.steps(plan.steps()));
        TrainingData data = plan.data();
        int length = data.rowLength();
        int batch = plan.batchSize();
        LmConfig config = plan.config();
        try (NeoXLanguageModel model = new NeoXLanguageModel(compute, config, DType.F32, null, List.of(), plan.seed())) {
            Graph graph = model.graph();
            Ops ops = graph.ops().scope("train");
            // Inputs and shifted targets are fed separately, so no slice sits on the gradient path.
            Tensor inputs = ops.placeholder("inputs", DType.I32, Shape.of(batch, length - 1));
            Tensor targets = ops.placeholder("targets", DType.I32, Shape.of(batch, length - 1));
            Tensor logits = model.module().unembed(model.module().apply(inputs, null).hidden());
            Tensor loss = ops.mean(ops.sparseCrossEntropy(logits, targets), false);
            StepCounter counter = StepCounter.create(graph);
            Optimizer optimizer = Adam.adamW(graph, counter, learningRate(), 0.9, 0.95, 1e-8, plan.weightDecay(), Adam.BIASES_AND_NORMS);
            List<Variable> parameters = new ArrayList<>(model.parameters().values());
            int[] inputIds = new int[batch * (length - 1)];
            int[] targetIds = new int[batch * (length - 1)];
            int[] rows = new int[batch * length];
            String configHash = ConfigHash.of(configMap());
            StepExports exports = new StepExports(out, config, configHash);
            Map<Long, Path> exported = new TreeMap<>();
            TrainingLoop loop = TrainingLoop.builder()
                    .graph(graph, model.session())
                    .stepCounter(counter)
                    .trainStep(optimizer.minimize(loss, parameters))
                    .afterInitialize(model.initialization())
                    .metric("loss", loss)
                    .metric("learning_rate", optimizer.learningRate())
                    .batches((step, micro) -> {
                        listener.stepStarting(step);
                        data.readRows(step * batch, batch, rows, 0);
                        for (int b = 0; b < batch; b++) {
                            System.arraycopy(rows, b * length, inputIds, b * (length - 1), length - 1);
                            System.arraycopy(rows, b * length + 1, targetIds, b * (length - 1), length - 1);
                        }
                        return Map.of(inputs, HostTensor.of(inputIds, batch, length - 1), targets, HostTensor.of(targetIds, batch, length - 1));
                    })
                    .checkpoints(out.resolve("state"), schedule)
                    .metrics(out, 1)
                    .configHash(configHash)
                    .listener(new TrainingLoop.Listener() {
                        @Override
                        public void checkpointWritten(long step, Path file) throws IOException {
                            export(exports, step, file, exported);
                        }

                        @Override
                        public void stepCompleted(long completedSteps, Map<String, Double> metrics) {
                            listener.stepCompleted(completedSteps, metrics.getOrDefault("loss", Double.NaN));
                        }
                    })
                    .build();
            // A run killed between a checkpoint and its export gets the export now.
            for (CheckpointDirectory.Entry entry : new CheckpointDirectory(out.resolve("state")).list()) {
                export(exports, entry.step(), entry.path(), exported);
            }
            TrainingLoop.Result result = loop.run(plan.steps());
            Double lastLoss = result.lastMetrics().get("loss");
            double finalLoss = lastLoss != null ? lastLoss : LoggedLoss.of(out, result.endStep());
            return new TrainingResult(result.resumed() ? result.startStep() : 0, result.endStep(), finalLoss, List.copyOf(exported.values()));
        }
    }

    /** Writes the model directory of a checkpoint unless it exists, and tells the listener when it wrote one. */
    private void export(StepExports exports, long step, Path checkpoint, Map<Long, Path> exported) throws IOException {
        if (exports.export(step, checkpoint)) {
            listener.checkpointWritten(step, exports.directory(step));
        }
        exported.put(step, exports.directory(step));
    }

    private LearningRateSchedule learningRate() {
        long decay = Math.max(1, plan.steps() - plan.warmupSteps());
        LearningRateSchedule cosine = new LearningRateSchedule.Cosine(plan.learningRate(), plan.learningRate() / 10, decay);
        return plan.warmupSteps() > 0 ? new LearningRateSchedule.LinearWarmup(plan.warmupSteps(), cosine) : cosine;
    }

    /** What must not change between a run and its resumption. */
    private Map<String, Object> configMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("config", plan.config().toString());
        map.put("steps", plan.steps());
        map.put("batch_size", plan.batchSize());
        map.put("learning_rate", plan.learningRate());
        map.put("warmup_steps", plan.warmupSteps());
        map.put("weight_decay", plan.weightDecay());
        map.put("seed", plan.seed());
        map.put("row_length", plan.data().rowLength());
        return map;
    }
}
