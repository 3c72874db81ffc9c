package io.timelapse.plugin.dsb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.bench.MatmulRate;
import io.timelapse.lib.bench.PyTorchReference;
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
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
        description = "Times the dsb plugin's training, statistics and probing on Fashion-MNIST against PyTorch in the same run.")
final class BenchCommand implements PluginCommand {

    static final List<String> PARTS = List.of("mlp", "convnext", "stats", "probe");
    /** The PyTorch reference, a resource of this bundle. */
    static final String TORCH_SCRIPT = "/io/timelapse/plugin/dsb/bench/dsb_torch_reference.py";
    private static final ObjectMapper JSON = new ObjectMapper();
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
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = runs.start(spec, common)) {
            run.device(device);
            run.versions(compute.versions());
            run.input(data.resolve(FashionMnist.Split.TRAIN.imageFile()));
            run.input(data.resolve(FashionMnist.Split.TRAIN.labelFile()));
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("load_average_before", loadAverage());
            BenchWorkloads work = new BenchWorkloads(compute, common.seed());
            double matmul = MatmulRate.gflops(compute, 3);
            results.put("matmul_2048_gflops", matmul);
            ProbeSet train = ImageSets.of("train", trainImages, 1, false);
            ImageShape gray = ImageSets.shape(train, 10);
            long steps = mlpSteps != null ? mlpSteps : train.count() / Recipe.BATCH;
            int probeImages = 0;
            if (chosen.contains("mlp") || chosen.contains("probe")) {
                probeImages = mlpAndProbe(chosen, work, train, gray, steps, trainImages, validation, matmul, results);
            }
            if (chosen.contains("convnext")) {
                convnext(work, train, matmul, results);
            }
            if (chosen.contains("stats")) {
                results.put("stats_cholesky_s", work.statistics(ClassModels.of(trainImages, validation, 1, false, true, compute)));
            }
            results.put("load_average_after", loadAverage());
            compare(chosen, steps, probeImages, results, out);
            report(run, out, results);
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
                            LabeledImages trainImages, LabeledImages validation, double matmul, Map<String, Object> results)
            throws IOException {
        double macs = (double) gray.dimension() * MlpClassifier.HIDDEN + (double) MlpClassifier.HIDDEN * gray.classes();
        try (ClassifierTrainer trainer = work.trainer("mlp", gray, train, steps)) {
            BenchWorkloads.Steps timed = work.train(trainer, chosen.contains("mlp") ? steps : 1, BenchWorkloads.MLP_WARMUP_STEPS);
            if (chosen.contains("mlp")) {
                double gflops = 6 * macs * Recipe.BATCH * steps / timed.totalSeconds() / 1e9;
                results.put("mlp_steps", steps);
                results.put("mlp_epoch_s", timed.totalSeconds());
                results.put("mlp_step_ms_min", timed.min() * 1e3);
                results.put("mlp_step_ms_median", timed.median() * 1e3);
                results.put("mlp_step_ms_max", timed.max() * 1e3);
                results.put("mlp_gflops", gflops);
                results.put("mlp_fraction_of_matmul", gflops / matmul);
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
            double seconds = work.probe(trainer, trainer.prepare(built));
            double gflops = 2 * macs * images / seconds / 1e9;
            results.put("probe_sets", String.join(",", ProbeSets.BUILT_IN));
            results.put("probe_images", images);
            results.put("probe_s", seconds);
            results.put("probe_gflops", gflops);
            results.put("probe_fraction_of_matmul", gflops / matmul);
            return images;
        }
    }

    private void convnext(BenchWorkloads work, ProbeSet train, double matmul, Map<String, Object> results) throws IOException {
        ProbeSet rgb = ImageSets.replicated(train, CONVNEXT_IMAGES);
        ImageShape shape = ImageSets.shape(rgb, 10);
        try (ClassifierTrainer trainer = work.trainer("convnext-atto", shape, rgb, convnextSteps)) {
            ConvNextV2 model = (ConvNextV2) trainer.model();
            BenchWorkloads.Steps timed = work.train(trainer, convnextSteps, BenchWorkloads.WARMUP_STEPS);
            double gflops = 6.0 * model.forwardMultiplyAdds() * Recipe.BATCH / timed.median() / 1e9;
            results.put("convnext_params", model.parameters().values().stream().mapToLong(v -> v.shape().size()).sum());
            results.put("convnext_steps", convnextSteps);
            results.put("convnext_step_s_min", timed.min());
            results.put("convnext_step_s_median", timed.median());
            results.put("convnext_step_s_max", timed.max());
            results.put("convnext_gflops", gflops);
            results.put("convnext_fraction_of_matmul", gflops / matmul);
        }
    }

    /** Runs the PyTorch reference on the same parts and adds its figures and the ratios. */
    private void compare(Set<String> chosen, long steps, int probeImages, Map<String, Object> results, PrintWriter out)
            throws IOException, InterruptedException {
        if (noPytorch) {
            out.println("note: --no-pytorch: measuring Timelapse only");
            results.put("pytorch", "not measured (--no-pytorch)");
            return;
        }
        int torchThreads = threads != null ? threads : compute.device().intraOpThreads();
        PyTorchReference.Result torch = new PyTorchReference(python).run(BenchCommand.class, TORCH_SCRIPT, null, List.of("--data", data.toString(), "--parts", String.join(",", chosen),
                "--threads", Integer.toString(torchThreads), "--mlp-steps", Long.toString(steps),
                "--convnext-steps", Integer.toString(convnextSteps), "--convnext-warmup", Integer.toString(BenchWorkloads.WARMUP_STEPS),
                "--mlp-warmup", Integer.toString(BenchWorkloads.MLP_WARMUP_STEPS),
                "--probe-images", Integer.toString(Math.max(probeImages, 1)), "--probe-batch", Integer.toString(ProbeEvaluator.DEFAULT_BATCH),
                "--seed", Long.toString(common.seed())));
        if (!torch.available()) {
            out.println("note: PyTorch not measured: " + torch.problem() + "; measuring Timelapse only");
            results.put("pytorch", "not measured: " + torch.problem());
            return;
        }
        JsonNode json = torch.json();
        results.put("pytorch_version", json.path("torch").asText());
        results.put("pytorch_threads", json.path("threads").asInt());
        ratio(results, json.path("mlp_epoch_s"), "mlp_epoch_s", "mlp");
        ratio(results, json.path("convnext").path("step_s_median"), "convnext_step_s_median", "convnext");
        ratio(results, json.path("stats_cholesky_s"), "stats_cholesky_s", "stats");
        ratio(results, json.path("probe_s"), "probe_s", "probe");
    }

    private static void ratio(Map<String, Object> results, JsonNode torchSeconds, String ourKey, String part) {
        if (torchSeconds.isNumber() && results.get(ourKey) instanceof Double ours) {
            results.put("pytorch_" + ourKey, torchSeconds.asDouble());
            results.put(part + "_speedup_vs_pytorch", torchSeconds.asDouble() / ours);
        }
    }

    private static void report(Run run, PrintWriter out, Map<String, Object> results) {
        int width = results.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        results.forEach((key, value) -> {
            Object shown = value instanceof Double number ? Math.round(number * 1000) / 1000.0 : value;
            out.printf(Locale.ROOT, "%-" + width + "s%s%n", key, shown);
            run.result(key, shown);
        });
        out.flush();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
