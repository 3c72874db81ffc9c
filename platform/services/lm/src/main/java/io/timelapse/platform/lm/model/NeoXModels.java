package io.timelapse.platform.lm.model;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.lm.LoadOptions;
import io.timelapse.api.lm.TrainingListener;
import io.timelapse.api.lm.TrainingPlan;
import io.timelapse.api.lm.TrainingResult;
import io.timelapse.api.lm.WeightFile;
import io.timelapse.lib.safetensors.Safetensors;
import io.timelapse.lib.safetensors.TensorStore;
import io.timelapse.platform.lm.config.ModelFormatException;
import io.timelapse.platform.lm.config.NeoXConfigFile;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LanguageModels} service on the compute API. It remembers the weight hashes of every
 * model it loaded, so a checkpoint whose weights equal those of another step is reported
 * (Pythia's mislabelled revisions, pythia#205 and #206).
 */
@Singleton
public final class NeoXModels implements LanguageModels {

    private static final Logger LOG = LoggerFactory.getLogger(NeoXModels.class);

    private final ComputeService compute;
    private final Map<String, List<Seen>> loadedWeights = new LinkedHashMap<>();

    private record Seen(Path directory, OptionalLong step) {}

    @Inject
    public NeoXModels(ComputeService compute) {
        this.compute = compute;
    }

    @Override
    public LmConfig readConfig(Path configFile) throws IOException {
        return NeoXConfigFile.read(configFile);
    }

    @Override
    public LanguageModel load(Path modelDirectory, LoadOptions options) throws IOException {
        if (!Files.isDirectory(modelDirectory)) {
            throw new ModelFormatException(modelDirectory.toString(), "not a directory; expected a Hugging Face model directory with "
                    + NeoXConfigFile.FILE_NAME + " and model.safetensors");
        }
        LmConfig config = NeoXConfigFile.read(modelDirectory.resolve(NeoXConfigFile.FILE_NAME));
        try (TensorStore store = Safetensors.open(modelDirectory)) {
            List<WeightFile> files = WeightHashes.hash(store);
            DType dtype = options.computeDType() != null ? options.computeDType() : storedDType(store);
            NeoXLanguageModel model = new NeoXLanguageModel(compute, config, dtype, modelDirectory, files, 0);
            try {
                model.load(store);
            } catch (IOException | RuntimeException e) {
                model.close();
                throw e;
            }
            String duplicate = remember(modelDirectory, files);
            if (duplicate != null) {
                LOG.warn(duplicate);
                model.warn(duplicate);
            }
            return model;
        }
    }

    @Override
    public LanguageModel create(LmConfig config, long seed) {
        return NeoXLanguageModel.initialized(compute, config, seed);
    }

    @Override
    public TrainingResult train(TrainingPlan plan, TrainingListener listener) throws IOException {
        return new Trainer(compute, plan, listener).run();
    }

    /** Records the weights of a loaded checkpoint; a warning when another step had the same ones. */
    private synchronized String remember(Path directory, List<WeightFile> files) {
        String fingerprint = WeightHashes.fingerprint(files);
        OptionalLong step = WeightHashes.stepOf(directory);
        List<Seen> seen = loadedWeights.computeIfAbsent(fingerprint, key -> new ArrayList<>());
        String warning = null;
        for (Seen earlier : seen) {
            if (warning == null && step.isPresent() && earlier.step().isPresent() && step.getAsLong() != earlier.step().getAsLong()) {
                warning = "identical weights at different training steps: " + directory + " (step " + step.getAsLong() + ") has the same weight files"
                        + " (sha256 " + files.get(0).sha256().substring(0, 12) + "…) as " + earlier.directory() + " (step " + earlier.step().getAsLong()
                        + "); one of them is probably a mislabelled checkpoint (as in pythia#205, #206), so results across these steps are not independent";
            }
        }
        seen.add(new Seen(directory.toAbsolutePath().normalize(), step));
        return warning;
    }

    private static DType storedDType(TensorStore store) throws ModelFormatException {
        String name = "gpt_neox.embed_in.weight";
        if (!store.contains(name)) {
            throw new ModelFormatException(store.source(), "no tensor '" + name + "'; is this a GPT-NeoX checkpoint?");
        }
        return switch (store.info(name).dtype()) {
            case F16 -> DType.F16;
            case BF16 -> DType.BF16;
            case F64 -> DType.F64;
            default -> DType.F32;
        };
    }
}
