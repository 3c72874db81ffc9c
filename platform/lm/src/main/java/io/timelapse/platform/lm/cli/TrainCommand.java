package io.timelapse.platform.lm.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.data.TrainingData;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.lm.TrainingListener;
import io.timelapse.api.lm.TrainingPlan;
import io.timelapse.api.lm.TrainingResult;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.lib.tokens.NpyTokenRows;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse lm train --model-config config.json --data ROWS --steps N --batch-size B}: trains
 * from scratch; running the same command again with the same {@code --out} resumes after a kill.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GPT-NeoX model from scratch with AdamW, writing Hugging Face model directories step<N>/ on a checkpoint schedule; rerun with the same --out to resume.")
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

    @Option(names = "--steps", required = true, paramLabel = "N", description = "Optimizer steps.")
    long steps;

    @Option(names = "--batch-size", required = true, paramLabel = "B", description = "Rows per step; row i is trained at step i / B.")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE", description = "Peak learning rate (default: ${DEFAULT-VALUE}, Pythia-70M's).")
    double learningRate;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "STEPS", description = "Linear warm-up steps (default: ${DEFAULT-VALUE}).")
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
        LmConfig config = lm.models.readConfig(modelConfig);
        try (Run run = lm.runs.start(spec, common); TrainingData rows = open(data)) {
            run.device(lm.compute.device().summary());
            run.versions(lm.compute.versions());
            run.input(modelConfig);
            if (data.getFileName().toString().endsWith(".npy")) {
                run.input(data);
            }
            Path target = checkpointDir != null ? checkpointDir : run.output("checkpoints");
            TrainingPlan plan = new TrainingPlan(config, rows, target, steps, batchSize, learningRate, warmup, weightDecay, checkpoints, common.seed());
            TrainingResult result;
            try (Progress progress = run.progress("train", steps)) {
                result = lm.models.train(plan, new TrainingListener() {
                    @Override
                    public void stepStarting(long completedSteps) {
                        progress.step();
                    }

                    @Override
                    public void checkpointWritten(long step, Path directory) {
                        out.printf("checkpoint step %d -> %s%n", step, directory);
                    }
                });
            }
            if (result.resumedFromStep() > 0) {
                out.printf("resumed from step %d%n", result.resumedFromStep());
            }
            out.printf("trained %d steps, final loss %.4f, %d checkpoints in %s%n", result.finalStep(), result.finalLoss(),
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

    private TrainingData open(Path path) throws IOException {
        if (path.getFileName().toString().endsWith(".npy")) {
            return NpyTokenRows.open(path, batchSize);
        }
        if (!lm.trainingData.accepts(path)) {
            throw new IOException(path + ": neither an .npy of token rows nor a dataset the " + lm.trainingData.layout() + " provider reads");
        }
        return lm.trainingData.open(path, batchSize);
    }
}
