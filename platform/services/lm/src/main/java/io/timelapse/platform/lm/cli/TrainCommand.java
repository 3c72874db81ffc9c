package io.timelapse.platform.lm.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.data.TrainingData;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.lm.TrainingPlan;
import io.timelapse.api.lm.TrainingResult;
import io.timelapse.api.run.Run;
import io.timelapse.lib.checkpoint.CheckpointSchedule;
import io.timelapse.lib.tokens.NpyTokenRows;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse lm train --model-config config.json --data ROWS --steps N --batch-size B}: trains
 * from scratch; running the same command again with the same {@code --out} resumes after a kill, and
 * reports a finished run without touching it.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GPT-NeoX model from scratch with AdamW, writing a Hugging Face model directory step<N>/ as each scheduled step is reached. "
                + "Rerun with the same --out and options to resume a stopped run; a finished run is reported, not trained again.")
final class TrainCommand implements Callable<Integer> {

    @ParentCommand
    LmCommand lm;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--model-config", required = true, paramLabel = "FILE", description = "Hugging Face GPT-NeoX config.json of the model to train.")
    Path modelConfig;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "Token rows in training order: an integer .npy [rows, tokens], or a dataset the installed training-data provider reads (for example a pythia pre-shuffled dataset).")
    Path data;

    @Option(names = "--steps", required = true, paramLabel = "N", description = "Optimizer steps in total; a resumed run continues up to this step.")
    long steps;

    @Option(names = "--batch-size", required = true, paramLabel = "B", description = "Rows per step; row i is trained at step i / B.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE",
            description = "Peak AdamW learning rate, reached after the warm-up, then decayed by a cosine to a tenth of it (default: ${DEFAULT-VALUE}, Pythia-70M's).")
    double learningRate;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "STEPS",
            description = "Steps of linear warm-up from 0 to the peak learning rate, at most --steps (default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--weight-decay", defaultValue = "0.01", paramLabel = "WD", description = "AdamW weight decay (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--checkpoints", defaultValue = "pythia", paramLabel = "SCHEDULE",
            description = "Checkpoint steps: pythia (0, 1, 2, 4, …, 512, then every 1000), every:N, log2, steps:a,b; join with + (default: ${DEFAULT-VALUE}). The last step always gets one.")
    String checkpoints;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR", description = "Where step<N>/ go (default: checkpoints/ in the run directory).")
    Path checkpointDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        OptionChecks checks = checkOptions();
        checks.file("--model-config", modelConfig);
        LmConfig config = lm.models.readConfig(modelConfig);
        try (TrainingData rows = open(data, checks); Run run = lm.runs.resume(spec, common)) {
            Path target = checkpointDir != null ? checkpointDir : run.output("checkpoints");
            if (run.complete()) {
                CompletedTraining.report(out, run, target);
                return ExitCode.OK;
            }
            run.device(lm.compute.device().summary());
            run.versions(lm.compute.versions());
            run.input(modelConfig);
            if (Files.isRegularFile(data)) {
                run.input(data);
            }
            TrainingPlan plan = new TrainingPlan(config, rows, target, steps, batchSize, learningRate, warmup, weightDecay, checkpoints, common.seed());
            TrainingResult result;
            try (TrainingProgress progress = new TrainingProgress(run, steps)) {
                result = lm.models.train(plan, progress);
            }
            if (result.resumedFromStep() > 0) {
                out.printf("resumed from step %d%n", result.resumedFromStep());
            }
            out.printf(Locale.ROOT, "trained %d steps, final loss %.4f, %d checkpoints in %s%n", result.finalStep(), result.finalLoss(),
                    result.checkpoints().size(), target);
            run.result("resumed_from_step", result.resumedFromStep());
            run.result("final_step", result.finalStep());
            run.result("final_loss", result.finalLoss());
            run.result("checkpoints", result.checkpoints().stream().map(Path::toString).toList());
            run.succeeded();
        }
        out.flush();
        return ExitCode.OK;
    }

    private OptionChecks checkOptions() {
        OptionChecks checks = new OptionChecks(spec);
        checks.atLeast("--steps", steps, 1);
        checks.atLeast("--batch-size", batchSize, 1);
        checks.positive("--lr", learningRate);
        checks.atLeast("--warmup", warmup, 0);
        if (warmup > steps) {
            throw checks.error("--warmup", Long.toString(warmup), "more warm-up steps than --steps " + steps);
        }
        checks.notNegative("--weight-decay", weightDecay);
        try {
            CheckpointSchedule.parse(checkpoints);
        } catch (IllegalArgumentException e) {
            throw checks.error("--checkpoints", checkpoints, e.getMessage());
        }
        return checks;
    }

    /** The training rows; a usage error when they cannot hold {@code --steps} batches. */
    private TrainingData open(Path path, OptionChecks checks) throws IOException {
        TrainingData rows;
        if (path.getFileName().toString().endsWith(".npy")) {
            checks.file("--data", path);
            rows = NpyTokenRows.open(path, batchSize);
        } else if (lm.trainingData.accepts(path)) {
            rows = lm.trainingData.open(path, batchSize);
        } else {
            throw checks.error("--data", path.toString(), "neither an .npy file of token rows nor a dataset the "
                    + lm.trainingData.layout() + " provider reads");
        }
        if (steps > rows.rowCount() / batchSize) {
            rows.close();
            throw checks.error("--steps", Long.toString(steps), "with --batch-size " + batchSize + " this needs more rows than the "
                    + rows.rowCount() + " of " + path + " (" + rows.rowCount() / batchSize + " steps at most)");
        }
        return rows;
    }
}
