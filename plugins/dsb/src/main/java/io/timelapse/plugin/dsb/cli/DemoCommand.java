package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.checkpoint.CheckpointSchedule;
import io.timelapse.plugin.dsb.data.FashionMnist;
import io.timelapse.plugin.dsb.data.LabeledImages;
import io.timelapse.plugin.dsb.data.ValidationSplit;
import io.timelapse.plugin.dsb.model.ImageShape;
import io.timelapse.plugin.dsb.probing.ProbeEvaluator;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import io.timelapse.plugin.dsb.training.Augmentation;
import io.timelapse.plugin.dsb.training.Recipe;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code timelapse dsb demo}: a small train-and-probe run on the embedded Fashion-MNIST images, in seconds. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Train the MLP for " + DemoCommand.STEPS + " steps on " + (1024 - DemoCommand.HELD_OUT) + " of the 1024 embedded"
                + " Fashion-MNIST images, pooled to 14x14, with the paper's recipe, checkpoints at steps 1, 2, 4, …, " + DemoCommand.STEPS + ", and score every"
                + " checkpoint on the probe sets made from them and the other " + DemoCommand.HELD_OUT + " images, as 'dsb train' does on the full data.",
                "Prints where the probes' CSV and plots are."})
final class DemoCommand implements PluginCommand {

    static final int STEPS = 256;
    static final int HELD_OUT = 256;
    /** The images are pooled to 14×14, which makes the 196-dimensional class statistics of the probe sets quick to fit. */
    static final int POOL = 2;

    private final RunService runs;
    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ProbeSetOptions probeSets;

    @Inject
    DemoCommand(RunService runs, ComputeService compute) {
        this.runs = runs;
        this.compute = compute;
    }

    @Override
    public Integer call() throws Exception {
        probeSets.check(spec);
        LabeledImages embedded = FashionMnist.validation();
        int[] held = ValidationSplit.indices(embedded.count(), HELD_OUT, 0);
        boolean[] isHeld = new boolean[embedded.count()];
        for (int i : held) {
            isHeld[i] = true;
        }
        int[] kept = IntStream.range(0, embedded.count()).filter(i -> !isHeld[i]).toArray();
        LabeledImages trainImages = ImageDataOptions.select(embedded, kept);
        LabeledImages heldOut = ImageDataOptions.select(embedded, held);
        ProbeSet train = ImageSets.of("train", trainImages, POOL, false);
        ImageShape shape = ImageSets.shape(train, 10);
        String device = compute.device().summary();
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = runs.start(spec, common)) {
            run.device(device);
            run.versions(compute.versions());
            out.printf("data: %d embedded Fashion-MNIST images, %d to train on, %d held out as the validation images%n", embedded.count(),
                train.count(), heldOut.count());
            List<ProbeSet> sets = probeSets.build(run, trainImages, heldOut, POOL, false, common.seed());
            Recipe recipe = new Recipe("mlp", STEPS, Recipe.BATCH, Recipe.LEARNING_RATE, Recipe.BETA2, Recipe.WEIGHT_DECAY,
                Recipe.scaledWarmup(STEPS), Augmentation.FLIP_CROP, common.seed());
            new ProbedTraining(compute, recipe, shape, "fashion-mnist-embedded", ProbeEvaluator.DEFAULT_BATCH)
                .run(run, out, train, sets, CheckpointSchedule.logSpaced());
            run.succeeded();
        }
        return ExitCode.OK;
    }
}
