package io.timelapse.plugin.memorization.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.api.lm.TrainingPlan;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.plugin.memorization.table.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The record a training run leaves next to its checkpoints, which says how many rows a step trained
 * and how many tokens each row gave: {@code training.json} in the directory that holds the
 * {@code step<N>/} checkpoints (as {@code memorization reproduce} and {@code demo} write it), or the
 * {@code run.json} of a {@code timelapse lm train} run whose checkpoints are in its {@code checkpoints/}.
 */
public final class TrainingRecords {

    public static final String FILE = "training.json";
    static final String FORMAT = "timelapse-training-record";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingRecords() {}

    /** A training record: the settings it gives and the file they were read from. */
    public record Found(TrainingSettings settings, Path file) {}

    /** The row length of the training data at a path, or {@code null} when it cannot be read. */
    @FunctionalInterface
    public interface RowLengths {
        Integer of(Path data);
    }

    /**
     * The record of the run that trained the checkpoint in {@code modelDirectory}, if there is one.
     *
     * @param scoredData the rows being scored, whose row length gives the sequence length when the
     *     data an {@code lm train} run names can no longer be read
     * @param rowLengths reads the row length of data
     */
    public static Optional<Found> find(Path modelDirectory, Path scoredData, RowLengths rowLengths) throws IOException {
        Path root = modelDirectory.toAbsolutePath().normalize().getParent();
        if (root == null) {
            return Optional.empty();
        }
        Path own = root.resolve(FILE);
        if (Files.isRegularFile(own)) {
            return Optional.of(new Found(read(own), own));
        }
        if (root.getFileName() != null && root.getFileName().toString().equals("checkpoints") && root.getParent() != null) {
            Path run = root.getParent().resolve("run.json");
            if (Files.isRegularFile(run)) {
                return readLmTrain(run, scoredData, rowLengths);
            }
        }
        return Optional.empty();
    }

    /** Writes {@code training.json} for the run {@code plan} describes, in the directory of its checkpoints. */
    public static Found write(TrainingPlan plan) throws IOException {
        ObjectNode json = JSON.createObjectNode();
        json.put("format", FORMAT);
        json.put("version", 1);
        json.put("batch_size", plan.batchSize());
        json.put("sequence_length", plan.data().rowLength() - 1);
        json.put("steps", plan.steps());
        json.put("learning_rate", plan.learningRate());
        json.put("warmup_steps", plan.warmupSteps());
        json.put("weight_decay", plan.weightDecay());
        json.put("checkpoint_schedule", plan.checkpointSchedule());
        json.put("seed", plan.seed());
        json.put("data", plan.data().source().toAbsolutePath().normalize().toString());
        json.put("model", plan.config().toString());
        Path file = plan.outputDirectory().resolve(FILE);
        Files.createDirectories(plan.outputDirectory());
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        return new Found(read(file), file);
    }

    static TrainingSettings read(Path file) throws IOException {
        JsonNode json = parse(file);
        if (!FORMAT.equals(json.path("format").asText())) {
            throw new IOException(file + ": field 'format' must be '" + FORMAT + "', got " + json.get("format"));
        }
        return settings(file, positive(json, "batch_size", file), positive(json, "sequence_length", file), file.toString());
    }

    private static Optional<Found> readLmTrain(Path run, Path scoredData, RowLengths rowLengths) throws IOException {
        JsonNode json = parse(run);
        JsonNode config = json.path("config");
        if (!"lm".equals(json.path("plugin").asText()) || !"train".equals(json.path("command").asText())
                || !config.path("checkpoint-dir").isNull() && !config.path("checkpoint-dir").isMissingNode()) {
            return Optional.empty();
        }
        int batch = positive(config, "batch-size", run);
        Path data = recordedData(json, config.path("data").asText());
        Integer rowLength = data == null ? null : rowLengths.of(data);
        if (rowLength != null) {
            return Optional.of(new Found(settings(run, batch, rowLength - 1, run.toString()), run));
        }
        Integer scoredRowLength = rowLengths.of(scoredData);
        if (scoredRowLength == null) {
            throw new IOException(run + ": neither the training data it names, " + config.path("data").asText() + ", nor " + scoredData
                    + " can be read, so the sequence length of the training is unknown");
        }
        return Optional.of(new Found(settings(run, batch, scoredRowLength - 1, run + " (batch size; the sequence length is that of the rows of --data,"
                + " as the training data it names, " + config.path("data").asText() + ", cannot be read)"), run));
    }

    /** The training data as the run recorded it among its inputs (an absolute path), else as given. */
    private static Path recordedData(JsonNode json, String given) {
        if (given.isEmpty()) {
            return null;
        }
        Path path = Path.of(given);
        for (JsonNode input : json.path("inputs")) {
            Path recorded = Path.of(input.path("path").asText());
            if (recorded.isAbsolute() && recorded.endsWith(path.normalize())) {
                return recorded;
            }
        }
        return path;
    }

    private static TrainingSettings settings(Path file, int batch, int sequenceLength, String source) throws IOException {
        try {
            return new TrainingSettings(batch, sequenceLength, source);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a valid training record: " + e.getMessage(), e);
        }
    }

    private static int positive(JsonNode node, String field, Path file) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || value.asInt() < 1) {
            throw new IOException(file + ": field '" + field + "' must be a positive integer, got " + value);
        }
        return value.asInt();
    }
}
