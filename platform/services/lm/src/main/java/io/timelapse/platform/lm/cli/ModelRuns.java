package io.timelapse.platform.lm.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.WeightFile;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** What the model commands share: where a run goes and the provenance of a loaded model. */
final class ModelRuns {

    private ModelRuns() {}

    /** Whether {@code --out} names an .npy result file rather than a run directory. */
    static boolean outIsFile(CommonOptions common) {
        return common.out() != null && common.out().getFileName().toString().endsWith(".npy");
    }

    static Run start(RunService runs, CommandSpec spec, CommonOptions common) throws IOException {
        return outIsFile(common) ? runs.startInDefaultDirectory(spec, common) : runs.start(spec, common);
    }

    /** The result file: {@code --out} when it names an .npy file, else {@code defaultName} in the run directory. */
    static Path target(Run run, CommonOptions common, String defaultName) {
        return outIsFile(common) ? common.out() : run.output(defaultName);
    }

    /** Records every weight file (with its sha256) and the config as inputs, and the model's warnings. */
    static void recordModel(Run run, LanguageModel model) throws IOException {
        run.input(model.source().resolve("config.json"));
        Map<String, String> hashes = new LinkedHashMap<>();
        for (WeightFile file : model.weightFiles()) {
            run.input(file.path());
            hashes.put(file.path().getFileName().toString(), file.sha256());
        }
        run.result("weight_sha256", hashes);
        if (!model.warnings().isEmpty()) {
            run.result("warnings", model.warnings());
        }
    }
}
