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

    /**
     * The preset named by --preset, or else {@code fallback} (which {@code fallbackOption} names in errors), with the
     * overrides of --config-json; a bad name or file is a usage error naming its option.
     */
    AlphaFoldConfig resolve(CommandSpec spec, String fallback, String fallbackOption) {
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
