package io.timelapse.plugin.openfold.dynamics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.model.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code run.json} of an {@code openfold train} run directory says the run trained: the chain (structure file,
 * chain id, MSA file; none for a run on a data set), the configuration (preset, or null for the trainer's default, and overrides file) and the
 * recycling iterations of each step. Paths recorded relative to where the training ran are found again through the
 * absolute paths of the run's inputs.
 */
public record TrainingRun(Path directory, Path structure, String chain, Path msa, String preset, Path configJson, int recycles) {

    public static final String RUN_JSON = "run.json";
    public static final String CHECKPOINTS = "checkpoints";

    /** A run directory that is not a readable run of {@code openfold train}; the message names the file. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** Reads {@code directory}'s {@value #RUN_JSON}. */
    public static TrainingRun read(Path directory) throws IOException {
        Path file = directory.resolve(RUN_JSON);
        if (!Files.isRegularFile(file)) {
            throw new Invalid(file + ": no such file; not a run directory of openfold train");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new Invalid(file + ": not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !"openfold".equals(root.path("plugin").asText()) || !"train".equals(root.path("command").asText())) {
            throw new Invalid(file + ": a run of '" + (root == null ? "" : root.path("plugin").asText() + " "
                    + root.path("command").asText()).trim() + "', not of 'openfold train'");
        }
        JsonNode config = root.path("config");
        JsonNode inputs = root.path("inputs");
        Path structure = path(file, config, inputs, "structure");
        if (structure == null && config.path("data").isMissingNode()) {
            throw new Invalid(file + ": records neither --structure nor --data");
        }
        String preset = text(config, "preset");
        Path configJson = path(file, config, inputs, "config-json");
        String modelConfig = text(config, "model-config");
        if (modelConfig != null && AlphaFoldConfig.PRESETS.contains(modelConfig)) {
            preset = modelConfig;
        } else if (modelConfig != null) {
            configJson = path(file, config, inputs, "model-config");
        }
        return new TrainingRun(directory, structure, text(config, "chain"), path(file, config, inputs, "msa"), preset, configJson,
                config.path("recycles").asInt(0));
    }

    /**
     * The run's model configuration: its preset ({@code defaultPreset} when it named none) with its overrides file.
     *
     * @throws ConfigException when the preset or the overrides no longer make a configuration
     */
    public AlphaFoldConfig configuration(String defaultPreset) {
        return AlphaFoldConfig.preset(preset != null ? preset : defaultPreset, configJson);
    }

    /** The folder of the run's checkpoints. */
    public Path checkpoints() {
        return directory.resolve(CHECKPOINTS);
    }

    private static String text(JsonNode config, String key) {
        JsonNode value = config.path(key);
        return value.isTextual() ? value.asText() : null;
    }

    /** The file of option {@code key}: as recorded if it exists, else the recorded input whose path ends with it. */
    private static Path path(Path file, JsonNode config, JsonNode inputs, String key) {
        String recorded = text(config, key);
        if (recorded == null) {
            return null;
        }
        Path given = Path.of(recorded);
        if (Files.isRegularFile(given)) {
            return given;
        }
        Path relative = given.normalize();
        for (JsonNode input : inputs) {
            Path absolute = Path.of(input.path("path").asText());
            if (!given.isAbsolute() && absolute.endsWith(relative) && Files.isRegularFile(absolute)) {
                return absolute;
            }
        }
        throw new Invalid(file + ": the --" + key + " file " + recorded + " of the training run is missing");
    }
}
