package io.timelapse.lib.safetensors;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * A sharded model's {@code model.safetensors.index.json}: which shard file holds each tensor
 * ({@code weight_map}) and the index's {@code metadata} (such as {@code total_size}).
 */
public final class ShardIndex {

    /** The file name Hugging Face gives the index. */
    public static final String FILE_NAME = "model.safetensors.index.json";

    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final Map<String, String> metadata;
    private final Map<String, String> weightMap;

    private ShardIndex(Path file, Map<String, String> metadata, Map<String, String> weightMap) {
        this.file = file;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.weightMap = Collections.unmodifiableMap(weightMap);
    }

    public static ShardIndex read(Path file) throws IOException {
        if (PickleGuard.hasPickleName(file)) {
            throw PickleGuard.refusal(file);
        }
        String source = file.toString();
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, String> weightMap = null;
        try (JsonParser parser = JSON.createParser(Files.readAllBytes(file))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SafetensorsFormatException(source, "a shard index must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (key.equals("weight_map")) {
                    weightMap = readWeightMap(source, parser, value);
                } else if (key.equals("metadata") && value == JsonToken.START_OBJECT) {
                    readMetadata(parser, metadata);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonParseException e) {
            throw new SafetensorsFormatException(source, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (weightMap == null) {
            throw new SafetensorsFormatException(source, "missing field weight_map");
        }
        for (Map.Entry<String, String> entry : weightMap.entrySet()) {
            checkShardName(source, entry.getKey(), entry.getValue());
        }
        return new ShardIndex(file, metadata, weightMap);
    }

    private static Map<String, String> readWeightMap(String source, JsonParser parser, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            throw new SafetensorsFormatException(source, "weight_map must be an object of tensor name to shard file");
        }
        Map<String, String> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw new SafetensorsFormatException(source, "weight_map: tensor '" + name + "' must map to a shard file name");
            }
            if (map.put(name, parser.getText()) != null) {
                throw new SafetensorsFormatException(source, "weight_map: duplicate tensor '" + name + "'");
            }
        }
        return map;
    }

    private static void readMetadata(JsonParser parser, Map<String, String> metadata) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value.isScalarValue()) {
                metadata.put(key, parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }

    private static void checkShardName(String source, String tensor, String shard) throws SafetensorsFormatException {
        Path relative = Path.of(shard);
        if (shard.isEmpty() || relative.isAbsolute() || relative.normalize().startsWith("..") || shard.contains("\\")) {
            throw new SafetensorsFormatException(source, "weight_map: tensor '" + tensor + "' names shard '" + shard
                    + "', which is not a file name inside the model directory");
        }
    }

    public Path file() {
        return file;
    }

    /** The index's {@code metadata}, scalar values as text. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Tensor name to shard file name, in index order. */
    public Map<String, String> weightMap() {
        return weightMap;
    }

    /** The distinct shard file names in order of first mention. */
    public List<String> shardNames() {
        return new ArrayList<>(new LinkedHashSet<>(weightMap.values()));
    }

    /** Where {@code shardName} lies: next to the index. */
    public Path resolve(String shardName) {
        return file.toAbsolutePath().getParent().resolve(shardName);
    }
}
