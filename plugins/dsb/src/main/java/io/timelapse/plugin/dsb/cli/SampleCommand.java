package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.dsb.sets.ClassModels;
import io.timelapse.plugin.dsb.sets.OptimisedSamplers;
import io.timelapse.plugin.dsb.sets.ProbeSets;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse dsb sample --set independent|maxent|gaussian|truncated_normal|third_order}: a synthetic probe set as .npy files. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draw one of the paper's synthetic probe sets and write its images to samples.npy (float64, one"
                + " flattened CHW image a row) and their class labels to labels.npy (int64).",
                "independent: every pixel an independent draw from the class's training quantiles (ICS), as many images"
                        + " as the validation subset, labels drawn from the training class frequencies. maxent: the"
                        + " first-order maximum-entropy (Conrad) distribution on [0, 1] with each validation class mean,"
                        + " as many per class as the validation subset has. gaussian: N(mean, shrunk covariance) of the"
                        + " training classes by Cholesky, 1024 images, labels drawn from the training class"
                        + " frequencies, not clipped unless --clip. truncated_normal: samples in (0, 1) whose mean and"
                        + " covariance are fitted to each training class by L-BFGS (100 iterations) on the compute"
                        + " service; third_order: samples fitted by Adam (1500 steps) to each class's mean, covariance"
                        + " and third moments along 64 seeded directions. Both split 1024 images by the training class"
                        + " frequencies and take from seconds to a minute per class."})
@DefaultSeed(0)
final class SampleCommand implements PluginCommand {

    enum SetName {
        independent, maxent, gaussian, truncated_normal, third_order
    }

    private final RunService runs;
    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ImageDataOptions data;

    @Option(names = "--set", required = true, paramLabel = "SET",
            description = "The probe set: ${COMPLETION-CANDIDATES}.")
    SetName set;

    @Option(names = "--count", paramLabel = "N",
            description = "The number of images, instead of the set's own (for maxent the labels are then drawn from"
                    + " the validation class frequencies).")
    Integer count;

    @Option(names = "--clip", description = "Clip every value to [0, 1], a deviation from the paper, which leaves its"
            + " Gaussian samples unclipped.")
    boolean clip;

    @Inject
    SampleCommand(RunService runs, ComputeService compute) {
        this.runs = runs;
        this.compute = compute;
    }

    @Override
    public Integer call() throws Exception {
        String name = set.name();
        ProbeSets.Options options = ProbeSets.Options.defaults().withSeed(common.seed()).withClip(clip);
        if (count != null) {
            if (count < 1) {
                throw new ParameterException(spec.commandLine(), "--count " + count + ": must be at least 1");
            }
            options = options.withCount(name, count);
        }
        ClassModels models = data.classModels(true, compute);
        ProbeSets sets = OptimisedSamplers.addTo(ProbeSets.of(models), compute);
        boolean optimised = set == SetName.truncated_normal || set == SetName.third_order;
        try (Run run = runs.start(spec, common)) {
            for (Path file : data.files()) {
                run.input(file);
            }
            run.device(optimised ? compute.device().summary() : "CPU (EJML, float64)");
            ProbeSets.Images images;
            try (Progress progress = run.progress(name, sets.size(name, options))) {
                images = sets.build(name, options, progress);
            }
            NpyOutputs.rows(run, "samples.npy", images.rows());
            NpyOutputs.labels(run, "labels.npy", images.labels());
            run.result("set", name);
            run.result("count", images.labels().length);
            run.result("shape", Arrays.asList(models.channels(), models.height(), models.width()));
            run.result("clipped", clip);
            run.succeeded();
            spec.commandLine().getOut().println(images.labels().length + " " + name + " images of " + models.channels()
                    + "x" + models.height() + "x" + models.width() + " → " + run.directory());
        }
        return ExitCode.OK;
    }
}
