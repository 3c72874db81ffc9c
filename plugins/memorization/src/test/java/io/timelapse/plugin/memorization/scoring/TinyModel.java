package io.timelapse.plugin.memorization.scoring;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.lib.npy.Npy;
import io.timelapse.platform.compute.tensorflow.TensorFlowComputeService;
import io.timelapse.platform.compute.tensorflow.runtime.ComputeSettings;
import io.timelapse.platform.lm.model.NeoXModels;
import io.timelapse.testdata.TinyGptNeox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The golden tiny GPT-NeoX fixture ({@link TinyGptNeox}) and the real language-model service. */
public final class TinyModel {

    public static final ComputeService COMPUTE = new TensorFlowComputeService(new ComputeSettings(-1, 2, 1, false));
    public static final LanguageModels MODELS = new NeoXModels(COMPUTE);

    private TinyModel() {}

    public static Path directory() {
        return TinyGptNeox.directory();
    }

    public static Path inputs() {
        return directory().resolve("inputs.npy");
    }

    /** Expected match counts: the fixture's scores × 32 (exact multiples of 1/32). */
    public static int[] expectedMatches(String scoresFile) {
        try {
            float[] scores = Npy.read(directory().resolve(scoresFile)).asFloatArray();
            int[] matches = new int[scores.length];
            for (int i = 0; i < scores.length; i++) {
                matches[i] = Math.round(scores[i] * 32);
            }
            return matches;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
