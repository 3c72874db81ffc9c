package io.timelapse.plugin.memorization.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.plugin.memorization.selection.Shard;
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
        ObjectNode weights = model.putObject("weight_sha256");
        m.weightSha256().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> weights.put(e.getKey(), e.getValue()));
        ObjectNode data = node.putObject("data");
        data.put("source", header.data().source());
        data.put("layout", header.data().layout());
        data.put("row_length", header.data().rowLength());
        data.put("batch_size", header.data().batchSize());
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
            ModelIdentity identity = new ModelIdentity(required(model, "name", source).asText(), required(model, "path", source).asText(),
                    nullableLong(model, "step"), nullableLong(model, "parameters"), nullableLong(model, "trained_tokens"), weights);
            JsonNode data = required(node, "data", source);
            DataIdentity dataIdentity = new DataIdentity(required(data, "source", source).asText(), required(data, "layout", source).asText(),
                    required(data, "row_length", source).asInt(), required(data, "batch_size", source).asInt());
            JsonNode selection = required(node, "selection", source);
            return new TableHeader(required(node, "prefix_length", source).asInt(), required(node, "continuation_length", source).asInt(),
                    ScoringMode.of(required(node, "mode", source).asText()), banned, identity, dataIdentity,
                    required(selection, "description", source).asText(), required(selection, "size", source).asLong(),
                    Shard.parse(required(node, "shard", source).asText()));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
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
