package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.bench.BenchReport;
import io.timelapse.lib.bench.MatmulRate;
import io.timelapse.lib.bench.Metric;
import io.timelapse.lib.bench.PyTorchReference;
import io.timelapse.lib.bench.Spread;
import io.timelapse.plugin.dsb.data.FashionMnist;
import io.timelapse.plugin.dsb.data.LabeledImages;
import io.timelapse.plugin.dsb.model.ConvNextV2;
import io.timelapse.plugin.dsb.model.ImageShape;
import io.timelapse.plugin.dsb.model.MlpClassifier;
import io.timelapse.plugin.dsb.probing.ProbeEvaluator;
import io.timelapse.plugin.dsb.sets.ClassModels;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import io.timelapse.plugin.dsb.sets.ProbeSets;
import io.timelapse.plugin.dsb.training.ClassifierTrainer;
import io.timelapse.plugin.dsb.training.Recipe;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse bench dsb}: the dsb workloads of issue 11's performance targets, each side by side with the
 * bundled PyTorch reference in the same run: an MLP epoch of {@code dsb train}, the ConvNeXt-V2-atto training step,
 * the 10-class statistics with Cholesky factors, and the probe evaluation of one checkpoint on every built-in set.
 */
@Command(name = "dsb", mixinStandardHelpOptions = true,
        description = {"Times the dsb plugin's training, statistics and probing on Fashion-MNIST against PyTorch in the same run.",
                "It prints the machine, the load average before and after, and for each figure the least, median and greatest"
                        + " of Timelapse and of PyTorch, their speedup (the medians' ratio) and the share of the 2048x2048 matmul"
                        + " rate measured in the same process. An MLP step counts 6 * (784 * 512 + 512 * 10) * 128 FLOPs"
                        + " (forward and backward of both layers at batch 128; the bias, ReLU and AdamW are left out), a"
                        + " ConvNeXt step 6 times its forward multiply-adds times 128, and the probe 2 * (784 * 512 + 512 * 10)"
                        + " per image."})
final class BenchCommand implements PluginCommand {

    static final List<String> PARTS = List.of("mlp", "convnext", "stats", "probe");
    /** The PyTorch reference, a resource of this bundle. */
    static final String TORCH_SCRIPT = "/io/timelapse/plugin/dsb/bench/dsb_torch_reference.py";
    private static final String PYTORCH = "pytorch";
    /** Where the reference's printed object holds the figure of each of our metrics, by the metric's name. */
    private static final Map<String, String[]> REFERENCE_FIGURES = Map.of("mlp_epoch", new String[] {"mlp_epoch_s"},
            "mlp_step", new String[] {"mlp_step_ms"}, "convnext_step", new String[] {"convnext", "step_s"},
            "stats_cholesky", new String[] {"stats_cholesky_s"}, "probe", new String[] {"probe_s"});
    /** Training images the ConvNeXt steps draw their batches from (RGB copies of the first ones). */
    private static final int CONVNEXT_IMAGES = 2048;

    private final ComputeService compute;
    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--parts", defaultValue = "mlp,convnext,stats,probe", split = ",", paramLabel = "PART",
            description = "What to measure, comma-separated: mlp (one training epoch of the MLP of dsb train), convnext"
                    + " (ConvNeXt-V2-atto training steps at batch 128), stats (10 class means, shrunk covariances and"
                    + " Cholesky factors) and probe (one checkpoint scored on every probe set) (default: ${DEFAULT-VALUE}).")
    List<String> parts;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = ImageDataOptions.DEFAULT_DATA,
            description = "The Fashion-MNIST folder (default: ${DEFAULT-VALUE}, from apt-get install dataset-fashion-mnist).")
    Path data;

    @Option(names = "--mlp-steps", paramLabel = "N",
            description = "Training steps of the MLP measurement, after " + BenchWorkloads.MLP_WARMUP_STEPS
                    + " untimed ones; by default one epoch (468 full batches of 128).")
    Long mlpSteps;

    @Option(names = "--convnext-steps", defaultValue = "5", paramLabel = "N",
            description = "Timed ConvNeXt-V2-atto training steps, after " + BenchWorkloads.WARMUP_STEPS
                    + " untimed ones (default: ${DEFAULT-VALUE}).")
    int convnextSteps;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "EXE",
            description = "The Python with torch that runs the PyTorch reference (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads PyTorch may use; by default as many as the compute service's intra-op threads.")
    Integer threads;

    @Option(names = "--no-pytorch", description = "Measure Timelapse only, without the PyTorch reference.")
    boolean noPytorch;

    @Inject
    BenchCommand(ComputeService compute, RunService runs) {
        this.compute = compute;
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        Set<String> chosen = checkParts();
        if (mlpSteps != null && mlpSteps < 1) {
            throw new ParameterException(spec.commandLine(), "--mlp-steps " + mlpSteps + ": must be at least 1");
        }
        if (convnextSteps < 1) {
            throw new ParameterException(spec.commandLine(), "--convnext-steps " + convnextSteps + ": must be at least 1");
        }
        if (threads != null && threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads " + threads + ": must be at least 1");
        }
        LabeledImages trainImages;
        try {
            trainImages = FashionMnist.read(data, FashionMnist.Split.TRAIN);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--data " + e.getMessage());
        }
        LabeledImages validation = FashionMnist.validation();
        String device = compute.device().summary();
        try (Run run = runs.start(spec, common)) {
            run.versions(compute.versions());
            run.input(data.resolve(FashionMnist.Split.TRAIN.imageFile()));
            run.input(data.resolve(FashionMnist.Split.TRAIN.labelFile()));
            BenchReport report = new BenchReport(device);
            BenchWorkloads work = new BenchWorkloads(compute, common.seed());
            double matmul = MatmulRate.gflops(compute, 3);
            report.note("matmul_2048_gflops", matmul);
            ProbeSet train = ImageSets.of("train", trainImages, 1, false);
            ImageShape gray = ImageSets.shape(train, 10);
            long steps = mlpSteps != null ? mlpSteps : train.count() / Recipe.BATCH;
            Map<String, Metric> metrics = new LinkedHashMap<>();
            int probeImages = 0;
            if (chosen.contains("mlp") || chosen.contains("probe")) {
                probeImages = mlpAndProbe(chosen, work, train, gray, steps, trainImages, validation, matmul, report, metrics);
            }
            if (chosen.contains("convnext")) {
                convnext(work, train, matmul, report, metrics);
            }
            if (chosen.contains("stats")) {
                double seconds = work.statistics(ClassModels.of(trainImages, validation, 1, false, true, compute));
                metrics.put("stats_cholesky", Metric.time("stats_cholesky", "s", Spread.single(seconds)));
            }
            compare(chosen, steps, probeImages, report, metrics);
            metrics.values().forEach(report::add);
            report.finish(run, spec.commandLine().getOut());
            run.succeeded();
        }
        return ExitCode.OK;
    }

    private Set<String> checkParts() {
        Set<String> chosen = new LinkedHashSet<>();
        for (String part : parts) {
            String name = part.trim();
            if (!PARTS.contains(name)) {
                throw new ParameterException(spec.commandLine(), "--parts " + String.join(",", parts) + ": unknown part '" + name
                        + "'; the parts are " + String.join(", ", PARTS));
            }
            chosen.add(name);
        }
        return chosen;
    }

    private int mlpAndProbe(Set<String> chosen, BenchWorkloads work, ProbeSet train, ImageShape gray, long steps,
                            LabeledImages trainImages, LabeledImages validation, double matmul, BenchReport report,
                            Map<String, Metric> metrics) throws IOException {
        double macs = (double) gray.dimension() * MlpClassifier.HIDDEN + (double) MlpClassifier.HIDDEN * gray.classes();
        try (ClassifierTrainer trainer = work.trainer("mlp", gray, train, steps)) {
            BenchWorkloads.Steps timed = work.train(trainer, chosen.contains("mlp") ? steps : 1, BenchWorkloads.MLP_WARMUP_STEPS);
            if (chosen.contains("mlp")) {
                double stepGflop = 6 * macs * Recipe.BATCH / 1e9;
                double gflops = stepGflop * steps / timed.totalSeconds();
                report.note("mlp_steps", steps).note("mlp_step_gflop", stepGflop).note("mlp_gflops", gflops);
                metrics.put("mlp_epoch", Metric.time("mlp_epoch", "s", Spread.single(timed.totalSeconds())).ofMatmul(gflops / matmul));
                Spread stepSeconds = timed.spread();
                metrics.put("mlp_step", Metric.time("mlp_step", "ms", stepSeconds.times(1e3))
                        .ofMatmul(stepGflop / stepSeconds.median() / matmul));
            }
            if (!chosen.contains("probe")) {
                return 0;
            }
            ProbeSets sets = ProbeSets.of(ClassModels.of(trainImages, validation, 1, false, true, compute));
            List<ProbeSet> built = new ArrayList<>();
            for (ProbeSets.Images images : sets.build(ProbeSets.BUILT_IN, ProbeSets.Options.defaults().withSeed(common.seed()), Progress.NONE)) {
                built.add(images.toProbeSet(gray.channels(), gray.height(), gray.width()));
            }
            int images = built.stream().mapToInt(ProbeSet::count).sum();
            Spread seconds = work.probe(trainer, trainer.prepare(built));
            double gflops = 2 * macs * images / seconds.median() / 1e9;
            report.note("probe_sets", String.join(",", ProbeSets.BUILT_IN)).note("probe_images", images).note("probe_gflops", gflops);
            metrics.put("probe", Metric.time("probe", "s", seconds).ofMatmul(gflops / matmul));
            return images;
        }
    }

    private void convnext(BenchWorkloads work, ProbeSet train, double matmul, BenchReport report, Map<String, Metric> metrics)
            throws IOException {
        ProbeSet rgb = ImageSets.replicated(train, CONVNEXT_IMAGES);
        ImageShape shape = ImageSets.shape(rgb, 10);
        try (ClassifierTrainer trainer = work.trainer("convnext-atto", shape, rgb, convnextSteps)) {
            ConvNextV2 model = (ConvNextV2) trainer.model();
            Spread seconds = work.train(trainer, convnextSteps, BenchWorkloads.WARMUP_STEPS).spread();
            double stepGflop = 6.0 * model.forwardMultiplyAdds() * Recipe.BATCH / 1e9;
            double gflops = stepGflop / seconds.median();
            report.note("convnext_params", model.parameters().values().stream().mapToLong(v -> v.shape().size()).sum())
                    .note("convnext_steps", convnextSteps).note("convnext_step_gflop", stepGflop).note("convnext_gflops", gflops);
            metrics.put("convnext_step", Metric.time("convnext_step", "s", seconds).ofMatmul(gflops / matmul));
        }
    }

    /** Runs the PyTorch reference on the same parts and sets its figures beside ours. */
    private void compare(Set<String> chosen, long steps, int probeImages, BenchReport report, Map<String, Metric> metrics)
            throws IOException, InterruptedException {
        if (noPytorch) {
            report.referenceMissing(PYTORCH, "--no-pytorch was given");
            return;
        }
        int torchThreads = threads != null ? threads : compute.device().intraOpThreads();
        PyTorchReference.Result torch = new PyTorchReference(python).run(BenchCommand.class, TORCH_SCRIPT, null, List.of(
                "--data", data.toString(), "--parts", String.join(",", chosen),
                "--threads", Integer.toString(torchThreads), "--mlp-steps", Long.toString(steps),
                "--convnext-steps", Integer.toString(convnextSteps), "--convnext-warmup", Integer.toString(BenchWorkloads.WARMUP_STEPS),
                "--mlp-warmup", Integer.toString(BenchWorkloads.MLP_WARMUP_STEPS),
                "--probe-images", Integer.toString(Math.max(probeImages, 1)), "--probe-batch", Integer.toString(ProbeEvaluator.DEFAULT_BATCH),
                "--seed", Long.toString(common.seed())));
        if (!torch.available() || torch.json().has("unavailable")) {
            report.referenceMissing(PYTORCH, torch.available() ? torch.json().path("unavailable").asText() : torch.problem());
            return;
        }
        report.note("pytorch_version", torch.json().path("torch").asText()).note("pytorch_threads", torch.json().path("threads").asInt());
        REFERENCE_FIGURES.forEach((name, path) -> {
            Spread theirs = torch.spread(path);
            if (theirs != null) {
                metrics.computeIfPresent(name, (key, ours) -> ours.against(PYTORCH, theirs));
            }
        });
    }
}
