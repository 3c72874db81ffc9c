package io.timelapse.plugin.dsb.cli;

import io.timelapse.lib.checkpoint.CheckpointSchedule;
import io.timelapse.plugin.dsb.model.Architectures;
import io.timelapse.plugin.dsb.probing.ProbeEvaluator;
import io.timelapse.plugin.dsb.training.Augmentation;
import io.timelapse.plugin.dsb.training.Recipe;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The model, recipe and checkpoint options of {@code dsb train}; every bad value is a usage error before a run starts. */
final class TrainingOptions {

    @Option(names = "--model", defaultValue = "mlp", paramLabel = "NAME",
            description = "The classifier: mlp (one hidden layer of 512), convnet (two convolution and pooling blocks) or another"
                    + " installed architecture (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--max-steps", defaultValue = "65536", paramLabel = "N",
            description = "Optimizer steps in total, the paper's 2^16 by default; a resumed run continues up to this step.")
    long maxSteps;

    @Option(names = "--checkpoints", defaultValue = "log2", paramLabel = "SCHEDULE",
            description = "Checkpoint steps: log2 (1, 2, 4, 8, …, as the paper), every:N, steps:a,b,c, joined with +"
                    + " (default: ${DEFAULT-VALUE}). The last step always gets one.")
    String checkpoints;

    @Option(names = "--batch-size", defaultValue = "128", paramLabel = "N", description = "Images per step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "1e-3", paramLabel = "RATE",
            description = "Peak AdamW learning rate (default: ${DEFAULT-VALUE}; the paper uses 1e-4 for SVHN).")
    double learningRate;

    @Option(names = "--beta2", defaultValue = "0.95", paramLabel = "B", description = "AdamW's beta2 (default: ${DEFAULT-VALUE}).")
    double beta2;

    @Option(names = "--weight-decay", defaultValue = "0.05", paramLabel = "WD",
            description = "AdamW weight decay, not applied to biases (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(names = "--warmup", paramLabel = "STEPS",
            description = "Steps of linear warm-up before the cosine decay. By default the paper's 2000 of 65536 steps scaled to"
                    + " --max-steps (about 3 %%, at least 1), recorded in run.json.")
    Long warmup;

    @Option(names = "--augment", defaultValue = "flip-crop", paramLabel = "KIND",
            description = "Augmentation of the training images: flip-crop (a random horizontal flip, then a random crop of the"
                    + " image padded by a side over 8) or none (default: ${DEFAULT-VALUE}). The paper adds RandAugment.")
    String augment;

    @Option(names = "--eval-batch", defaultValue = "" + ProbeEvaluator.DEFAULT_BATCH, paramLabel = "N",
            description = "Images per forward pass when probing a checkpoint (default: ${DEFAULT-VALUE}).")
    int evalBatch;

    /** Refuses bad values, naming the option. */
    void check(CommandSpec spec) {
        if (!Architectures.known(model)) {
            throw error(spec, "--model", model, "unknown model; known: " + String.join(", ", Architectures.names()));
        }
        if (maxSteps < 1) {
            throw error(spec, "--max-steps", Long.toString(maxSteps), "must be at least 1");
        }
        if (batchSize < 1) {
            throw error(spec, "--batch-size", Integer.toString(batchSize), "must be at least 1");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw error(spec, "--lr", Double.toString(learningRate), "must be a positive number");
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw error(spec, "--beta2", Double.toString(beta2), "must be at least 0 and below 1");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw error(spec, "--weight-decay", Double.toString(weightDecay), "must be 0 or more");
        }
        if (warmup != null && (warmup < 0 || warmup >= maxSteps)) {
            throw error(spec, "--warmup", Long.toString(warmup), "must be 0 or more and below --max-steps " + maxSteps);
        }
        if (Augmentation.parse(augment) == null) {
            throw error(spec, "--augment", augment, "must be flip-crop or none");
        }
        if (evalBatch < 1) {
            throw error(spec, "--eval-batch", Integer.toString(evalBatch), "must be at least 1");
        }
        schedule(spec);
    }

    CheckpointSchedule schedule(CommandSpec spec) {
        try {
            return CheckpointSchedule.parse(checkpoints);
        } catch (IllegalArgumentException e) {
            throw error(spec, "--checkpoints", checkpoints, e.getMessage());
        }
    }

    /** The recipe these options give, the warm-up scaled to the run when not given. */
    Recipe recipe(long seed) {
        long warm = warmup != null ? warmup : Math.min(Recipe.scaledWarmup(maxSteps), maxSteps - 1);
        return new Recipe(model, maxSteps, batchSize, learningRate, beta2, weightDecay, warm, Augmentation.parse(augment), seed);
    }

    private static ParameterException error(CommandSpec spec, String option, String value, String problem) {
        return new ParameterException(spec.commandLine(), option + " " + value + ": " + problem);
    }
}
