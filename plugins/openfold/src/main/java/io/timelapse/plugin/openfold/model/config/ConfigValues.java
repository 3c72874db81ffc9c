package io.timelapse.plugin.openfold.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flat configuration under OpenFold's dotted names ({@code model.evoformer_stack.no_blocks}): each value an
 * integer ({@code Long}), a real ({@code Double}) or a flag ({@code Boolean}). Overrides may only replace a known
 * key with a value of its kind.
 */
public final class ConfigValues {

    private final Map<String, Object> values;

    ConfigValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The values by dotted name, in definition order. */
    public Map<String, Object> asMap() {
        return values;
    }

    public long integer(String key) {
        return (Long) require(key);
    }

    public int smallInteger(String key) {
        return Math.toIntExact(integer(key));
    }

    public double real(String key) {
        return (Double) require(key);
    }

    public boolean flag(String key) {
        return (Boolean) require(key);
    }

    private Object require(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("no config value " + key);
        }
        return value;
    }

    /** These values with {@code overrides} (integers, reals or flags by dotted name); {@code source} names them in errors. */
    public ConfigValues with(Map<String, ?> overrides, String source) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        overrides.forEach((key, value) -> merged.put(key, convert(key, value, source)));
        return new ConfigValues(merged);
    }

    /**
     * These values with the overrides of a JSON file: an object whose keys are dotted names, or nested objects
     * whose paths are (both may be mixed).
     */
    public ConfigValues with(Path json) {
        if (!Files.isRegularFile(json)) {
            throw new ConfigException(json + ": missing (a JSON file of config overrides)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(json));
        } catch (IOException e) {
            throw new ConfigException(json + ": not readable JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(json + ": must be a JSON object of config keys, such as {\"model.evoformer_stack.no_blocks\": 2}");
        }
        return with(flatten(root, json.toString()), json.toString());
    }

    /** A JSON object's values by dotted name (nested objects add their key to the name); {@code source} names it in errors. */
    static Map<String, Object> flatten(JsonNode root, String source) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", root, out, source);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> out, String source) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix + field.getKey();
            JsonNode value = field.getValue();
            if (value.isNull()) {
                throw new ConfigException(source + ": \"" + key + "\" must be a number or a boolean, not null");
            } else if (value.isObject()) {
                flatten(key + ".", value, out, source);
            } else if (value.isBoolean()) {
                out.put(key, value.booleanValue());
            } else if (value.isIntegralNumber()) {
                out.put(key, value.longValue());
            } else if (value.isNumber()) {
                out.put(key, value.doubleValue());
            } else {
                throw new ConfigException(source + ": \"" + key + "\" must be a number or a boolean, not " + value);
            }
        }
    }

    private Object convert(String key, Object value, String source) {
        Object current = values.get(key);
        if (current == null) {
            throw new ConfigException(source + ": unknown config key \"" + key + "\"");
        }
        if (current instanceof Boolean) {
            if (value instanceof Boolean) {
                return value;
            }
            throw new ConfigException(source + ": \"" + key + "\" must be true or false, not " + value);
        }
        if (current instanceof Long) {
            if (value instanceof Long || value instanceof Integer) {
                return ((Number) value).longValue();
            }
            throw new ConfigException(source + ": \"" + key + "\" must be an integer, not " + value);
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        throw new ConfigException(source + ": \"" + key + "\" must be a number, not " + value);
    }
}
