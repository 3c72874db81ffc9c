package io.timelapse.plugin.openfold.model.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole configuration: the model, the loss and the example sizes, built from a named preset
 * ({@link #PRESETS}) and optionally a JSON file of overrides under OpenFold's dotted names. {@code values}
 * holds every value by its dotted name (for a run's record).
 */
public record AlphaFoldConfig(String preset, ModelConfig model, LossConfig loss, DataConfig data, Map<String, Object> values) {

    /** {@code initial_training} (templates off), {@code tiny} and {@code micro}. */
    public static final List<String> PRESETS = Presets.NAMES;

    /** The preset {@code name}; an unknown name is a {@link ConfigException} listing the known ones. */
    public static AlphaFoldConfig preset(String name) {
        return of(name, new ConfigValues(Presets.values(name)), "preset " + name);
    }

    /**
     * The preset {@code name} with the overrides in {@code json} (null: none): an unknown key, a value of the
     * wrong kind or sizes that disagree are {@link ConfigException}s naming the file and the key.
     */
    public static AlphaFoldConfig preset(String name, Path json) {
        ConfigValues values = new ConfigValues(Presets.values(name));
        return json == null ? of(name, values, "preset " + name) : of(name, values.with(json), json.toString());
    }

    /**
     * The configuration of OpenFold's flat config {@code config} (dotted names to values, as the golden fixtures'
     * meta.json records it): {@code initial_training} with every value this port models replaced (activation
     * checkpointing, {@code globals.blocks_per_ckpt}, among them); the others (chunking, kernel choices, which change
     * no result) and null values are ignored.
     */
    public static AlphaFoldConfig fromOpenFold(JsonNode config, String source) {
        if (config == null || !config.isObject()) {
            throw new ConfigException(source + ": the config must be a JSON object of OpenFold's dotted config names");
        }
        ConfigValues base = new ConfigValues(Presets.values("initial_training"));
        Map<String, Object> known = new LinkedHashMap<>();
        config.fields().forEachRemaining(field -> {
            if (base.asMap().containsKey(field.getKey()) && !field.getValue().isNull()) {
                known.putAll(ConfigValues.flatten(new ObjectMapper().createObjectNode().set(field.getKey(), field.getValue()), source));
            }
        });
        return of("initial_training", base.with(known, source), source);
    }

    /** This configuration with {@code overrides} (dotted names to integers, reals or booleans). */
    public AlphaFoldConfig with(Map<String, ?> overrides) {
        return of(preset, new ConfigValues(values).with(overrides, "config override"), "config override");
    }

    private static AlphaFoldConfig of(String preset, ConfigValues values, String source) {
        ConsistencyRules.check(values, source);
        return new AlphaFoldConfig(preset, ModelConfig.of(values), LossConfig.of(values), DataConfig.of(values), values.asMap());
    }
}
