package io.timelapse.platform.lm.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.compute.Variable;
import io.timelapse.api.data.TrainingData;
import io.timelapse.api.lm.TrainingListener;
import io.timelapse.api.lm.TrainingPlan;
import io.timelapse.api.lm.TrainingResult;
import io.timelapse.lib.checkpoint.CheckpointSchedule;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.nn.LoadReport;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.lib.safetensors.SafetensorsWriter;
import io.timelapse.lib.safetensors.TensorDType;
import io.timelapse.platform.lm.config.ModelFormatException;
import io.timelapse.platform.lm.train.AdamW;
import io.timelapse.platform.lm.train.CosineSchedule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Trains a GPT-NeoX model from scratch with AdamW, writing a Hugging Face model directory
 * {@code step<N>/} at every scheduled step. The latest checkpoint also holds the optimizer state
 * and a {@code training_state.json} marker (written last), from which a killed run resumes exactly:
 * the data order is a function of the step.
 */
public final class Trainer {

    static final String STATE_FILE = "training_state.json";
    static final String OPTIMIZER_FILE = "optimizer.safetensors";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComputeService compute;
    private final TrainingPlan plan;
    private final TrainingListener listener;

    public Trainer(ComputeService compute, TrainingPlan plan, TrainingListener listener) {
        this.compute = compute;
        this.plan = plan;
        this.listener = listener;
    }

    public TrainingResult run() throws IOException {
        Path out = plan.outputDirectory();
        Files.createDirectories(out);
        CheckpointSchedule schedule = CheckpointSchedule.parse(plan.checkpointSchedule());
        TrainingData data = plan.data();
        int length = data.rowLength();
        int batch = plan.batchSize();
        try (NeoXLanguageModel model = new NeoXLanguageModel(compute, plan.config(), DType.F32, null, List.of(), plan.seed())) {
            Ops ops = model.graph().ops().scope("train");
            Tensor ids = ops.placeholder("ids", DType.I32, Shape.of(batch, length));
            GptNeoX.Forward forward = model.module().apply(ids, null);
            Tensor logits = model.module().unembed(forward.hidden());
            Tensor predicting = ops.slice(logits, new long[] {0, 0, 0}, new long[] {batch, length - 1, -1});
            Tensor targets = ops.slice(ids, new long[] {0, 1}, new long[] {batch, length - 1});
            Tensor loss = ops.mean(ops.sparseCrossEntropy(predicting, targets), false);
            Map<String, Variable> parameters = model.parameters();
            List<Tensor> gradients = model.graph().gradients(loss, new ArrayList<>(parameters.values()));
            List<Boolean> decayed = parameters.keySet().stream()
                    .map(name -> !name.endsWith(".bias") && !name.contains("layernorm") && !name.contains("layer_norm")).toList();
            AdamW optimizer = new AdamW(model.graph().ops(), parameters, gradients, decayed, 0.9, 0.95, 1e-8, plan.weightDecay());
            model.initializeWeights();

            long step = 0;
            Optional<Path> latest = latestResumable(out);
            if (latest.isPresent()) {
                step = restore(model, optimizer, latest.get());
            } else if (schedule.isCheckpointStep(0)) {
                checkpoint(model, optimizer, 0, Double.NaN);
            }
            long resumedFrom = step;
            CosineSchedule rates = new CosineSchedule(plan.learningRate(), plan.warmupSteps(), plan.steps());
            int[] rows = new int[batch * length];
            int[] row = new int[length];
            double lastLoss = Double.NaN;
            while (step < plan.steps()) {
                for (int b = 0; b < batch; b++) {
                    data.readRow(step * batch + b, row);
                    System.arraycopy(row, 0, rows, b * length, length);
                }
                long next = step + 1;
                Map<Tensor, HostTensor> feeds = Map.of(ids, HostTensor.of(rows, batch, length),
                        optimizer.learningRate(), HostTensor.scalar((float) rates.at(next)), optimizer.step(), HostTensor.scalar((float) next));
                try (Outputs result = model.session().run(feeds, List.of(loss), List.of(optimizer.update()))) {
                    lastLoss = result.get(0).scalarValue();
                }
                step = next;
                listener.stepDone(step, lastLoss);
                if (schedule.isCheckpointStep(step) || step == plan.steps()) {
                    checkpoint(model, optimizer, step, lastLoss);
                }
            }
            return new TrainingResult(resumedFrom, step, lastLoss, checkpoints(out));
        }
    }

    /** The model directory for {@code step}. */
    public static Path stepDirectory(Path out, long step) {
        return out.resolve("step" + step);
    }

    private void checkpoint(NeoXLanguageModel model, AdamW optimizer, long step, double loss) throws IOException {
        Path dir = stepDirectory(plan.outputDirectory(), step);
        model.save(dir);
        SafetensorsWriter writer = new SafetensorsWriter().metadata("step", Long.toString(step));
        for (Map.Entry<String, HostTensor> entry : StateDict.read(model.session(), optimizer.state()).entrySet()) {
            writer.add(entry.getKey(), TensorDType.F32, entry.getValue().shape().dims(), entry.getValue().buffer());
        }
        writer.write(dir.resolve(OPTIMIZER_FILE));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("step", step);
        state.put("loss", Double.isNaN(loss) ? null : loss);
        state.put("data", plan.data().source().toString());
        AtomicFiles.writeBytes(dir.resolve(STATE_FILE), JSON.writeValueAsBytes(state));
        // Only the newest checkpoint keeps optimizer state: older ones are plain model directories.
        for (Path older : checkpoints(plan.outputDirectory())) {
            if (!older.equals(dir)) {
                Files.deleteIfExists(older.resolve(OPTIMIZER_FILE));
            }
        }
        listener.checkpointWritten(step, dir);
    }

    private static long restore(NeoXLanguageModel model, AdamW optimizer, Path dir) throws IOException {
        JsonNode state = JSON.readTree(dir.resolve(STATE_FILE).toFile());
        if (state == null || !state.path("step").canConvertToLong()) {
            throw new ModelFormatException(dir.resolve(STATE_FILE).toString(), "field 'step' must be an integer");
        }
        try (SafetensorsFile weights = SafetensorsFile.open(dir.resolve("model.safetensors"));
             SafetensorsFile moments = SafetensorsFile.open(dir.resolve(OPTIMIZER_FILE))) {
            LoadReport parameters = StateDict.load(model.session(), model.parameters(), weights, false);
            LoadReport slots = StateDict.load(model.session(), optimizer.state(), moments, false);
            if (!parameters.isExact() || !slots.isExact()) {
                throw new ModelFormatException(dir.toString(), "cannot resume: " + parameters.describe() + "; " + slots.describe());
            }
        }
        return state.get("step").asLong();
    }

    /** The newest checkpoint with optimizer state and a completion marker. */
    private static Optional<Path> latestResumable(Path out) throws IOException {
        Path best = null;
        long bestStep = -1;
        for (Path dir : checkpoints(out)) {
            if (Files.isRegularFile(dir.resolve(STATE_FILE)) && Files.isRegularFile(dir.resolve(OPTIMIZER_FILE))) {
                long step = Long.parseLong(dir.getFileName().toString().substring(4));
                if (step > bestStep) {
                    bestStep = step;
                    best = dir;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Checkpoint directories {@code step<N>} with a completion marker, in step order. */
    static List<Path> checkpoints(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(out)) {
            return entries.filter(p -> p.getFileName().toString().matches("step\\d+") && Files.isRegularFile(p.resolve(STATE_FILE)))
                    .sorted((a, b) -> Long.compare(Long.parseLong(a.getFileName().toString().substring(4)),
                            Long.parseLong(b.getFileName().toString().substring(4))))
                    .toList();
        }
    }
}
