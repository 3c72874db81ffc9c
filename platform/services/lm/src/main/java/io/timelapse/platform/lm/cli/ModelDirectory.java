package io.timelapse.platform.lm.cli;

import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.lm.LmConfig;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model DIR}, the option of every lm command that reads a model, as a picocli mixin. */
final class ModelDirectory {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face GPT-NeoX model directory: config.json and "
            + "model.safetensors, or sharded safetensors with model.safetensors.index.json.")
    Path directory;

    /** The model's config, read before a run starts so that other options can be checked against it. */
    LmConfig config(LanguageModels models, OptionChecks checks) throws IOException {
        checks.directory("--model", directory);
        return models.readConfig(directory.resolve("config.json"));
    }
}
