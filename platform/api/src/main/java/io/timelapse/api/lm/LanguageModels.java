package io.timelapse.api.lm;

import java.io.IOException;
import java.nio.file.Path;

/** Loads, creates and trains language models; the lm platform bundle publishes it as a service. */
@org.osgi.annotation.versioning.ProviderType
public interface LanguageModels {

    /**
     * Loads a Hugging Face GPT-NeoX model directory: {@code config.json} plus {@code model.safetensors}
     * or sharded safetensors with {@code model.safetensors.index.json}. Pickle {@code .bin} weights are
     * refused with instructions to convert them. Warns (see {@link LanguageModel#warnings()}) when
     * another model loaded by this service at a different training step had identical weight files.
     */
    LanguageModel load(Path modelDirectory, LoadOptions options) throws IOException;

    default LanguageModel load(Path modelDirectory) throws IOException {
        return load(modelDirectory, LoadOptions.defaults());
    }

    /** Reads a {@code config.json} in either Hugging Face spelling. */
    LmConfig readConfig(Path configFile) throws IOException;

    /** A new F32 model with random weights drawn as GPT-NeoX initializes them, from {@code seed}. */
    LanguageModel create(LmConfig config, long seed);

    /** Trains a model from scratch, or resumes the run in {@code plan.outputDirectory()}. */
    TrainingResult train(TrainingPlan plan, TrainingListener listener) throws IOException;
}
