package io.timelapse.plugin.openfold.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Session;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.bench.BenchReport;
import io.timelapse.lib.bench.MatmulRate;
import io.timelapse.lib.bench.Metric;
import io.timelapse.lib.bench.Spread;
import io.timelapse.lib.bench.Timing;
import io.timelapse.plugin.openfold.bench.BenchExample;
import io.timelapse.plugin.openfold.bench.PeakMemory;
import io.timelapse.plugin.openfold.bench.StepGraph;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.training.OptimizerSettings;
import io.timelapse.plugin.openfold.training.TrainingExample;
import io.timelapse.plugin.openfold.training.TrainingStep;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse bench openfold}: one OpenFold training step ({@link TrainingStep}: forward, loss, backward, clipping,
 * Adam) and its eval-mode forward on a preset's model, the step split by timing nested fetches of the same graph, the share of the
 * matmul rate from the products' counted FLOPs, and the peak resident memory of one step per configuration, each in
 * a process of its own. OpenFold's PyTorch code is not installed, so the reference is the spec's anchor, measured
 * earlier on this machine class, reported as such.
 */
@Command(name = "openfold", mixinStandardHelpOptions = true,
        description = "Times one OpenFold training step (TINY config, crop 64, one cycle), its parts and the forward, and measures"
                + " the peak memory of a step per configuration, against the spec's PyTorch anchor (not measured in the same run).")
final class OpenFoldBenchCommand implements PluginCommand {

    /** The spec's §10 anchor: OpenFold's PyTorch step, TINY, crop 64, 0 recycles, on this machine class, in seconds. */
    static final double ANCHOR_MIN_S = 10.1;
    static final double ANCHOR_MAX_S = 14.0;
    /** The goal: a step within this many seconds, and this many times faster than the anchor's fastest. */
    static final double GOAL_S = 2.0;
    static final double GOAL_SPEEDUP = 5.0;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComputeService compute;
    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "tiny",
            description = "The model and loss configuration timed: initial_training, tiny or micro (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--crop", paramLabel = "N", defaultValue = "64",
            description = "Residues of the training example, padded as OpenFold pads to the crop size (default: ${DEFAULT-VALUE}).")
    int crop;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5",
            description = "Timed runs of each measurement after the warm-up (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "Untimed runs of each measurement before the timed ones (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--memory-preset", paramLabel = "NAME", defaultValue = "initial_training",
            description = "The configuration whose peak memory per training step is measured (default: ${DEFAULT-VALUE}).")
    String memoryPreset;

    @Option(names = "--memory-crops", paramLabel = "N", split = ",", defaultValue = "64,256",
            description = "Crops whose peak memory per training step is measured, each in a process of its own, comma-separated"
                    + " (default: ${DEFAULT-VALUE}).")
    List<Integer> memoryCrops;

    @Option(names = "--memory-timeout", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Seconds after which a memory measurement is stopped and reported as such (default: ${DEFAULT-VALUE}).")
    double memoryTimeout;

    @Option(names = "--memory-limit", paramLabel = "MIB",
            description = "Resident MiB at which a memory measurement is stopped, to spare the machine (default: 90 %% of its memory).")
    Double memoryLimit;

    @Option(names = "--skip-memory", description = "Leaves out the peak-memory measurements.")
    boolean skipMemory;

    @Option(names = "--step-only", hidden = true,
            description = "Runs only the training step and records this process's peak memory (the memory measurement's child).")
    boolean stepOnly;

    @Inject
    OpenFoldBenchCommand(ComputeService compute, RunService runs) {
        this.compute = compute;
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        AlphaFoldConfig config = config("--preset", preset);
        if (crop < 1) {
            throw new ParameterException(spec.commandLine(), "--crop " + crop + ": must be at least 1");
        }
        if (repeats < 1) {
            throw new ParameterException(spec.commandLine(), "--repeats " + repeats + ": must be at least 1");
        }
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup " + warmup + ": must be 0 or more");
        }
        if (!skipMemory && !stepOnly) {
            config("--memory-preset", memoryPreset);
            for (int memoryCrop : memoryCrops) {
                if (memoryCrop < 1) {
                    throw new ParameterException(spec.commandLine(), "--memory-crops " + memoryCrop + ": every crop must be at least 1");
                }
            }
            if (!(memoryTimeout > 0)) {
                throw new ParameterException(spec.commandLine(), "--memory-timeout " + memoryTimeout + ": must be a positive number of seconds");
            }
            if (memoryLimit == null) {
                memoryLimit = PeakMemory.machineMib().orElse(Double.MAX_VALUE) * 0.9;
            }
            if (!(memoryLimit > 0)) {
                throw new ParameterException(spec.commandLine(), "--memory-limit " + memoryLimit + ": must be a positive number of MiB");
            }
        }
        String device = compute.device().summary();
        try (Run run = runs.start(spec, common)) {
            run.versions(compute.versions());
            BenchReport report = new BenchReport(device);
            if (stepOnly) {
                stepOnly(run, report, config);
            } else {
                measure(run, report, config);
            }
            report.finish(run, spec.commandLine().getOut());
            run.succeeded();
        }
        return ExitCode.OK;
    }

    private AlphaFoldConfig config(String option, String name) {
        if (!AlphaFoldConfig.PRESETS.contains(name)) {
            throw new ParameterException(spec.commandLine(), option + " " + name + ": not a preset; use one of "
                    + String.join(", ", AlphaFoldConfig.PRESETS));
        }
        return AlphaFoldConfig.preset(name);
    }

    private void measure(Run run, BenchReport report, AlphaFoldConfig config) throws IOException, InterruptedException {
        double matmul = MatmulRate.gflops(compute, 3);
        report.note("matmul_2048_gflops", matmul);
        describe(report, config);
        TrainingExample example = BenchExample.make(config.data(), crop, common.seed(), run.directory());
        OptimizerSettings settings = OptimizerSettings.openFold();
        Spread stepSpread;
        Spread forwardSpread;
        try (Graph graph = compute.newGraph(common.seed())) {
            long start = System.nanoTime();
            TrainingStep step = new TrainingStep(graph, config, DType.F32, example, settings);
            try (Session session = graph.newSession()) {
                session.initialize();
                report.note("graph_build_s", (System.nanoTime() - start) / 1e9);
                stepSpread = time(() -> step.run(session, example));
                forwardSpread = time(() -> step.evaluate(session, example));
            }
        }
        try (StepGraph split = new StepGraph(compute, config, example, settings, common.seed())) {
            split.initialize();
            report.note("parameters", split.parameterCount());
            report.note("step_gflop", split.stepFlops() / 1e9);
            report.note("forward_gflop", split.evalForwardFlops() / 1e9);
            report.note("flop_count", "matrix products (matmul, einsum with a summed index) counted from static shapes as the graph is"
                    + " built; the step is 3x the training forward's (each product's backward is two of its size)"
                    + (split.unknownShapes() > 0 ? "; " + split.unknownShapes() + " products of unknown shape not counted" : ""));
            report.note("split_method", "nested fetches of a second graph of the same step (up to the Evoformer's outputs, the structure"
                    + " module's, the loss, the full step), each part the difference of consecutive medians");
            String[] parts = {"evoformer_part", "structure_module_part", "losses_part", "backward_optimizer_part"};
            List<StepGraph.Stage> stages = split.trainingStages();
            double before = 0;
            for (int i = 0; i < stages.size(); i++) {
                StepGraph.Stage stage = stages.get(i);
                double median = time(() -> split.run(stage)).median();
                report.note(parts[i] + "_s", median - before);
                before = median;
            }
            report.note("split_full_step_s", before);
            report.add(Metric.time("training_step", "s", stepSpread).ofMatmul(split.stepFlops() / stepSpread.median() / 1e9 / matmul));
            report.add(Metric.time("forward", "s", forwardSpread).ofMatmul(split.evalForwardFlops() / forwardSpread.median() / 1e9 / matmul));
        }
        anchor(report, stepSpread.median());
        memory(run, report);
    }

    private void describe(BenchReport report, AlphaFoldConfig config) {
        report.note("preset", config.preset());
        report.note("crop", crop);
        report.note("msa_clusters", config.data().maxMsaClusters());
        report.note("extra_msa", config.data().maxExtraMsa());
        report.note("recycling", "R = 1 (one cycle)");
        report.note("example", "ubiquitin (1UBI A, 76 residues) with " + "a seeded synthetic MSA of point mutants through OpenFold's data pipeline");
    }

    private Spread time(Runnable work) {
        for (int i = 0; i < warmup; i++) {
            work.run();
        }
        return Timing.spread(repeats, work);
    }

    /** The spec's PyTorch anchor, which this run did not measure, and the goal against it. */
    private void anchor(BenchReport report, double stepSeconds) {
        report.referenceMissing("pytorch", "OpenFold's PyTorch code is not installed here; the spec's anchor below stands in for it");
        report.note("anchor_openfold_pytorch_step_s", String.format(Locale.ROOT, "%.1f-%.1f (spec section 10, TINY crop 64 0 recycles on"
                + " this machine class; NOT measured in this run)", ANCHOR_MIN_S, ANCHOR_MAX_S));
        report.note("speedup_vs_anchor", String.format(Locale.ROOT, "%.1fx-%.1fx (NOT measured in the same run)",
                ANCHOR_MIN_S / stepSeconds, ANCHOR_MAX_S / stepSeconds));
        boolean met = stepSeconds <= GOAL_S && ANCHOR_MIN_S / stepSeconds >= GOAL_SPEEDUP;
        report.note("goal", String.format(Locale.ROOT, "step <= %.0f s and >= %.0fx the anchor's %.1f s: %s", GOAL_S, GOAL_SPEEDUP,
                ANCHOR_MIN_S, met ? "met" : "not met"));
    }

    /** One child process per crop, each running one training step of the memory preset. */
    private void memory(Run run, BenchReport report) throws IOException, InterruptedException {
        if (skipMemory) {
            return;
        }
        Optional<PeakMemory> children = PeakMemory.ofDistribution();
        if (children.isEmpty()) {
            report.note("peak_memory_not_measured", "each configuration runs in a process of its own, which needs the distribution's launcher");
            return;
        }
        for (int memoryCrop : memoryCrops) {
            String key = "peak_rss_" + memoryPreset + "_crop" + memoryCrop;
            Path out = run.directory().resolve("memory").resolve(memoryPreset + "_crop" + memoryCrop);
            Files.createDirectories(out.getParent());
            List<String> arguments = new ArrayList<>(List.of("--step-only", "--preset", memoryPreset, "--crop", Integer.toString(memoryCrop),
                    "--repeats", "1", "--warmup", "0", "--seed", Long.toString(common.seed()), "--out", out.toString()));
            PeakMemory.Outcome outcome = children.get().run(arguments, out.resolveSibling(out.getFileName() + ".log"), memoryTimeout, memoryLimit);
            JsonNode child = Files.isRegularFile(out.resolve("run.json")) ? JSON.readTree(out.resolve("run.json").toFile()).path("results") : null;
            if (outcome.stopped() != null) {
                report.note(key + "_mib", String.format(Locale.ROOT, "%.0f so far: %s", outcome.peakMib(), outcome.stopped()));
            } else if (outcome.exitCode() != 0 || child == null || !child.has("peak_rss_mib")) {
                report.note(key + "_mib", "failed (exit " + outcome.exitCode() + "; see " + out.getFileName() + ".log)");
            } else {
                report.note(key + "_mib", child.path("peak_rss_mib").asDouble());
                report.note(key + "_step_s", child.path("training_step_s_median").asDouble());
            }
        }
    }

    /** The memory measurement's child: builds and runs the step, then records this process's peak resident memory. */
    private void stepOnly(Run run, BenchReport report, AlphaFoldConfig config) throws IOException {
        describe(report, config);
        TrainingExample example = BenchExample.make(config.data(), crop, common.seed(), run.directory());
        try (Graph graph = compute.newGraph(common.seed())) {
            TrainingStep step = new TrainingStep(graph, config, DType.F32, example, OptimizerSettings.openFold());
            try (Session session = graph.newSession()) {
                session.initialize();
                report.add(Metric.time("training_step", "s", time(() -> step.run(session, example))));
            }
        }
        report.note("peak_rss_mib", PeakMemory.selfPeakKib().orElse(-1) / 1024.0);
    }
}
