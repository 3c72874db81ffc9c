package io.timelapse.plugin.openfold.model.config;

import java.nio.file.Path;
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

    /** This configuration with {@code overrides} (dotted names to integers, reals or booleans). */
    public AlphaFoldConfig with(Map<String, ?> overrides) {
        return of(preset, new ConfigValues(values).with(overrides, "config override"), "config override");
    }

    private static AlphaFoldConfig of(String preset, ConfigValues values, String source) {
        ConsistencyRules.check(values, source);
        return new AlphaFoldConfig(preset, ModelConfig.of(values), LossConfig.of(values), DataConfig.of(values), values.asMap());
    }
}
