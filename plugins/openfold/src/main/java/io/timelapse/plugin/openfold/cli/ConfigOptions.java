package io.timelapse.plugin.openfold.cli;

import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.model.config.ConfigException;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --preset NAME} and {@code --config-json FILE}: an OpenFold configuration preset and overrides to it. */
final class ConfigOptions {

    @Option(names = "--preset", paramLabel = "NAME",
            description = "The configuration preset: initial_training, tiny or micro (by default tiny for training, and for "
                    + "prediction the one the weights file names).")
    String preset;

    @Option(names = "--config-json", paramLabel = "FILE",
            description = "A JSON file of overrides to the preset, under OpenFold's dotted config names.")
    Path configJson;

    @Option(names = "--model-config", paramLabel = "NAME|FILE.json",
            description = "Instead of --preset and --config-json: a preset name (tiny, initial_training, micro) or a JSON file of "
                    + "overrides to the default preset.")
    String modelConfig;

    /**
     * The preset named by --preset, or else {@code fallback} (which {@code fallbackOption} names in errors), with the
     * overrides of --config-json; a bad name or file is a usage error naming its option.
     */
    AlphaFoldConfig resolve(CommandSpec spec, String fallback, String fallbackOption) {
        if (modelConfig != null) {
            if (preset != null || configJson != null) {
                throw new ParameterException(spec.commandLine(), "--model-config " + modelConfig
                        + ": give either --model-config or --preset and --config-json, not both");
            }
            if (AlphaFoldConfig.PRESETS.contains(modelConfig)) {
                preset = modelConfig;
            } else if (modelConfig.endsWith(".json")) {
                configJson = Path.of(modelConfig);
            } else {
                throw new ParameterException(spec.commandLine(), "--model-config " + modelConfig + ": neither a preset ("
                        + String.join(", ", AlphaFoldConfig.PRESETS) + ") nor a .json file");
            }
            modelConfig = null;
        }
        if (configJson != null) {
            InputPaths.file(spec, "--config-json", configJson);
        }
        String name = preset != null ? preset : fallback;
        try {
            return AlphaFoldConfig.preset(name, configJson);
        } catch (ConfigException e) {
            String option = configJson != null && e.getMessage().startsWith(configJson.toString()) ? "--config-json"
                    : preset != null ? "--preset " + preset : fallbackOption;
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
