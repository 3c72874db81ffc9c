package io.timelapse.plugin.memorization.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.api.shard.Shard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON form of a {@link TableHeader}, shared by the table sidecar and the resume log. */
final class TableJson {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private TableJson() {}

    static ObjectNode toJson(TableHeader header) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("prefix_length", header.prefixLength());
        node.put("continuation_length", header.continuationLength());
        node.put("mode", header.mode().id());
        header.bannedTokens().forEach(node.putArray("banned_tokens")::add);
        node.put("mode_description", header.modeDescription());
        ObjectNode model = node.putObject("model");
        ModelIdentity m = header.model();
        model.put("name", m.name());
        model.put("path", m.path());
        putNullable(model, "step", m.step());
        putNullable(model, "parameters", m.parameters());
        putNullable(model, "trained_tokens", m.trainedTokens());
        if (m.training() == null) {
            model.putNull("training");
        } else {
            ObjectNode training = model.putObject("training");
            training.put("batch_size", m.training().batchSize());
            training.put("sequence_length", m.training().sequenceLength());
            training.put("source", m.training().source());
        }
        ObjectNode weights = model.putObject("weight_sha256");
        m.weightSha256().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> weights.put(e.getKey(), e.getValue()));
        ObjectNode data = node.putObject("data");
        data.put("source", header.data().source());
        data.put("layout", header.data().layout());
        data.put("row_length", header.data().rowLength());
        ObjectNode selection = node.putObject("selection");
        selection.put("description", header.selection());
        selection.put("size", header.selectionSize());
        node.put("shard", header.shard().toString());
        return node;
    }

    static TableHeader fromJson(JsonNode node, String source) throws IOException {
        try {
            List<Integer> banned = new ArrayList<>();
            for (JsonNode token : required(node, "banned_tokens", source)) {
                banned.add(token.asInt());
            }
            JsonNode model = required(node, "model", source);
            Map<String, String> weights = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = required(model, "weight_sha256", source).fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                weights.put(e.getKey(), e.getValue().asText());
            }
            JsonNode data = required(node, "data", source);
            DataIdentity dataIdentity = new DataIdentity(required(data, "source", source).asText(), required(data, "layout", source).asText(),
                    required(data, "row_length", source).asInt());
            ModelIdentity identity = new ModelIdentity(required(model, "name", source).asText(), required(model, "path", source).asText(),
                    nullableLong(model, "step"), nullableLong(model, "parameters"), training(model, data, source), weights);
            JsonNode selection = required(node, "selection", source);
            return new TableHeader(required(node, "prefix_length", source).asInt(), required(node, "continuation_length", source).asInt(),
                    ScoringMode.of(required(node, "mode", source).asText()), banned, identity, dataIdentity,
                    required(selection, "description", source).asText(), required(selection, "size", source).asLong(),
                    Shard.parse(required(node, "shard", source).asText()));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model's training settings. Tables written before training records derived their trained
     * tokens from {@code data.batch_size} and the row length; those are their settings.
     */
    private static TrainingSettings training(JsonNode model, JsonNode data, String source) throws IOException {
        JsonNode training = model.get("training");
        if (training != null && !training.isNull()) {
            return new TrainingSettings(required(training, "batch_size", source).asInt(), required(training, "sequence_length", source).asInt(),
                    required(training, "source", source).asText());
        }
        JsonNode legacyBatch = data.get("batch_size");
        if (training == null && legacyBatch != null && legacyBatch.canConvertToInt() && legacyBatch.asInt() > 0) {
            return new TrainingSettings(legacyBatch.asInt(), required(data, "row_length", source).asInt() - 1,
                    "data.batch_size of " + source + ", a table written before training records");
        }
        return null;
    }

    static JsonNode required(JsonNode node, String field, String source) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IOException(source + ": missing field '" + field + "' in a score table header");
        }
        return value;
    }

    private static void putNullable(ObjectNode node, String field, Long value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static Long nullableLong(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asLong();
    }
}
