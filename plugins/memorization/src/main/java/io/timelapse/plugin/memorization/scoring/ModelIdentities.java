package io.timelapse.plugin.memorization.scoring;

import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.WeightFile;
import io.timelapse.plugin.memorization.table.ModelIdentity;
import io.timelapse.plugin.memorization.table.TrainingSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The identity a score table records for the model that produced it. */
public final class ModelIdentities {

    private static final Pattern STEP = Pattern.compile("(?:^|[^0-9a-zA-Z])step[-_]?(\\d+)$");

    private ModelIdentities() {}

    /** The step in a checkpoint directory's name ({@code step1000}, {@code pythia-70m-step1000}), or {@code null}. */
    public static Long stepFromName(Path directory) {
        if (directory == null || directory.getFileName() == null) {
            return null;
        }
        Matcher m = STEP.matcher(directory.toAbsolutePath().normalize().getFileName().toString());
        return m.find() ? Long.parseLong(m.group(1)) : null;
    }

    /**
     * @param step the checkpoint's step, or {@code null} when unknown
     * @param training how the model was trained, or {@code null} when unknown
     */
    public static ModelIdentity of(LanguageModel model, String name, Long step, TrainingSettings training) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (WeightFile file : model.weightFiles()) {
            hashes.put(file.path().getFileName().toString(), file.sha256());
        }
        Path source = model.source();
        return new ModelIdentity(name, source == null ? "" : source.toAbsolutePath().normalize().toString(), step,
                model.config().parameterCount(), training, hashes);
    }
}
