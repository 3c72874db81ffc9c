package io.timelapse.plugin.dsb.ngram.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The batch size a checkpoint suite was trained with, from the record its trainer left: the {@code run.json} of the
 * {@code timelapse lm train} run whose {@code checkpoints/} folder it is, or a {@code training.json}
 * ({@code timelapse-training-record}) in the folder itself.
 */
public record TrainingRecord(int batchSize, Path file) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The record of the run that wrote the {@code step<N>/} directories in {@code checkpoints}, if there is one. */
    public static Optional<TrainingRecord> find(Path checkpoints) throws IOException {
        Path folder = checkpoints.toAbsolutePath().normalize();
        Path own = folder.resolve("training.json");
        if (Files.isRegularFile(own)) {
            JsonNode json = parse(own);
            if ("timelapse-training-record".equals(json.path("format").asText())) {
                return Optional.of(new TrainingRecord(positive(json, "batch_size", own), own));
            }
        }
        Path parent = folder.getParent();
        if (parent != null && folder.getFileName().toString().equals("checkpoints") && Files.isRegularFile(parent.resolve("run.json"))) {
            Path run = parent.resolve("run.json");
            JsonNode json = parse(run);
            if ("lm".equals(json.path("plugin").asText()) && "train".equals(json.path("command").asText())) {
                return Optional.of(new TrainingRecord(positive(json.path("config"), "batch-size", run), run));
            }
        }
        return Optional.empty();
    }

    private static JsonNode parse(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
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
