package io.timelapse.platform.lm.cli;

import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.lm.LoadOptions;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the commands that load a model to compute with it, as a picocli mixin. */
final class ModelOptions {

    @Mixin
    ModelDirectory model = new ModelDirectory();

    @Option(names = "--weights-dtype", description = "Compute in the weight files' dtype (for example F16) instead of float32.")
    boolean weightsDType;

    /** The model's config, read before a run starts so that other options can be checked against it. */
    LmConfig config(LanguageModels models, OptionChecks checks) throws IOException {
        return model.config(models, checks);
    }

    LanguageModel load(LanguageModels models) throws IOException {
        return models.load(model.directory, weightsDType ? LoadOptions.weightsDType() : LoadOptions.defaults());
    }
}
