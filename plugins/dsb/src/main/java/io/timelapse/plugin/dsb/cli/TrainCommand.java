package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.checkpoint.CheckpointSchedule;
import io.timelapse.lib.train.TrainingLoop;
import io.timelapse.plugin.dsb.model.ImageShape;
import io.timelapse.plugin.dsb.probing.ProbeTable;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import io.timelapse.plugin.dsb.training.Recipe;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse dsb train}: trains a classifier with the paper's recipe and probes every checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train an image classifier on the training images with the paper's recipe (AdamW, learning rate 1e-3,"
                + " beta2 0.95, weight decay 0.05, linear warm-up then cosine, batch 128), writing checkpoints on the log-spaced"
                + " schedule 1, 2, 4, …, and score every checkpoint on the probe sets: loss and accuracy against each set's labels.",
                "Writes probes.csv (the paper's columns), probes.jsonl, accuracy_vs_step.png and loss_vs_step.png into the run."
                        + " Rerun with the same --out and options to resume a stopped run."})
final class TrainCommand implements PluginCommand {

    private final RunService runs;
    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ImageDataOptions data;

    @Mixin
    TrainingOptions training;

    @Mixin
    ProbeSetOptions probeSets;

    /** Told of every step; tests stop a run with it. */
    TrainingLoop.Listener stepListener = new TrainingLoop.Listener() {};

    @Inject
    TrainCommand(RunService runs, ComputeService compute) {
        this.runs = runs;
        this.compute = compute;
    }

    @Override
    public Integer call() throws Exception {
        training.check(spec);
        probeSets.check(spec);
        CheckpointSchedule schedule = training.schedule(spec);
        ProbeSet train = ImageSets.of("train", data.train(), data.poolFactor(data.train().images()), data.rgb());
        ImageShape shape = ImageSets.shape(train, ImageSets.classes(data.train().labels(), data.validation().labels()));
        if (train.count() < training.batchSize) {
            throw new ParameterException(spec.commandLine(), "--batch-size " + training.batchSize + ": more than the "
                + train.count() + " training images of --data " + data.data);
        }
        String device = compute.device().summary();
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = runs.resume(spec, common)) {
            if (run.complete()) {
                out.println("training in " + run.directory() + " is complete: " + run.results().get("final_step")
                    + " steps; probes in " + run.output(ProbeTable.CSV) + "; nothing to do");
                return ExitCode.OK;
            }
            run.device(device);
            run.versions(compute.versions());
            for (Path file : data.files()) {
                run.input(file);
            }
            Path saved = run.output(SavedProbeSets.FOLDER);
            SavedProbeSets.Source source = probeSets.source(data, common.seed());
            List<ProbeSet> sets = probeSets.complete(run, compute, data, source, SavedProbeSets.load(saved, source, probeSets.sets),
                saved, saved, out);
            Recipe recipe = training.recipe(common.seed());
            ProbedTraining trainer = new ProbedTraining(compute, recipe, shape, dataset(data.data), training.evalBatch);
            trainer.extra = stepListener;
            trainer.run(run, out, train, sets, schedule);
            run.succeeded();
        }
        return ExitCode.OK;
    }

    /** The data set's name for the CSV column {@code ds}: its folder's or file's name. */
    static String dataset(Path data) {
        String name = data.toAbsolutePath().normalize().getFileName().toString();
        return name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
    }
}
