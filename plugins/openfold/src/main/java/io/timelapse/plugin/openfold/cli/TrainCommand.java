package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.Session;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.checkpoint.CheckpointSchedule;
import io.timelapse.lib.checkpoint.ConfigHash;
import io.timelapse.lib.train.TrainingLoop;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.modelio.WeightsFile;
import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.msa.MsaParsers;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.ProteinStructure;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import io.timelapse.plugin.openfold.training.EvaluationLog;
import io.timelapse.plugin.openfold.training.OptimizerSettings;
import io.timelapse.plugin.openfold.training.TrainingExample;
import io.timelapse.plugin.openfold.training.TrainingExamples;
import io.timelapse.plugin.openfold.training.TrainingStep;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse openfold train}: trains an OpenFold model on one chain with OpenFold's training step, logging every
 * step's loss terms and lDDT-Cα, checkpointing so that a rerun with the same {@code --out} resumes, and saving the final
 * weights for {@code openfold predict --weights}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an OpenFold model on one chain: each step samples a training example from the chain and its MSA "
                + "(crop, MSA clusters, BERT masking, a fresh sample per recycling slice), runs the model with dropout, OpenFold's "
                + "loss on the last slice, gradients clipped to global norm 0.1 and one Adam step. "
                + "Writes metrics.csv and metrics.jsonl (loss, every term, gradient norm, learning rate and lDDT-Cα per step), "
                + "eval.csv (lDDT-Cα and mean pLDDT of the prediction without dropout), checkpoints/ and "
                + "weights.safetensors into the run. Rerun with the same --out and options to resume a stopped run.")
final class TrainCommand implements PluginCommand {

    /** The preset trained when --preset is not given. */
    static final String DEFAULT_PRESET = "tiny";

    static final String WEIGHTS = "weights.safetensors";
    static final String EVAL_CSV = "eval.csv";

    private final RunService runs;
    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--structure", required = true, paramLabel = "FILE", description = "The PDB or mmCIF file (optionally .gz) of the chain.")
    Path structure;

    @Option(names = "--chain", paramLabel = "ID", description = "The chain id (default: the first protein chain).")
    String chain;

    @Option(names = "--msa", paramLabel = "FILE",
            description = "The chain's MSA (a3m, a2m, sto, fasta or aln) with the chain's sequence as its query; without it, the "
                    + "query alone.")
    Path msa;

    @Mixin
    ConfigOptions configuration;

    @Option(names = "--crop", paramLabel = "N",
            description = "Residues in each example's contiguous crop, at most the chain's length (default: the configuration's "
                    + "crop_size, or the whole chain when it is shorter).")
    Integer crop;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "Optimizer steps to train (default: ${DEFAULT-VALUE}).")
    long steps;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-3",
            description = "The peak learning rate of Adam, OpenFold's 1e-3 by default (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1000",
            description = "Steps of the linear warm-up from 0 to the peak rate, OpenFold's 1000 by default; 0 starts at the peak "
                    + "(default: ${DEFAULT-VALUE}).")
    long warmup;

    @Option(names = "--recycles", paramLabel = "N", defaultValue = "0",
            description = "Recycling iterations of every step: the model runs N + 1 times, each on its own MSA sample, and only "
                    + "the last pass gets gradient (default: ${DEFAULT-VALUE}).")
    int recycles;

    @Option(names = "--eval-every", paramLabel = "N", defaultValue = "10",
            description = "Predict the chain without dropout every N steps and log its lDDT-Cα to eval.csv; 0 only after the last "
                    + "step (default: ${DEFAULT-VALUE}).")
    long evalEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "50",
            description = "Write a checkpoint (weights, Adam moments, step) every N steps (default: ${DEFAULT-VALUE}).")
    long checkpointEvery;

    @Option(names = "--checkpoints", paramLabel = "SCHEDULE",
            description = "More checkpoint steps, added to --checkpoint-every's: steps:a,b,c (steps:0 is the untrained model), "
                    + "log2 (1, 2, 4, 8, …), every:N or pythia, joined with + (for example steps:0+log2, the dense early "
                    + "checkpoints that openfold dynamics reads).")
    String checkpoints;

    /** Told of every step; tests stop a run with it. */
    TrainingLoop.Listener stepListener = new TrainingLoop.Listener() {};

    @Inject
    TrainCommand(RunService runs, ComputeService compute) {
        this.runs = runs;
        this.compute = compute;
    }

    @Override
    public Integer call() throws Exception {
        checkNumbers();
        AlphaFoldConfig config = config();
        ProteinStructure parsed = StructureFiles.read(InputPaths.file(spec, "--structure", structure));
        ProteinChain selected = Chains.select(spec, parsed, chain);
        int cropSize = crop != null ? crop : Math.min(config.data().cropSize(), selected.length());
        if (cropSize > selected.length()) {
            throw usage("--crop " + cropSize + ": larger than chain " + selected.chainId() + " of " + structure + ", which has "
                    + selected.length() + " residues");
        }
        Msa alignment = msa == null ? TrainingExamples.singleSequence(selected) : readMsa();
        PipelineConfig pipeline = PipelineConfig.openFoldTraining().withCropSize(cropSize)
                .withMsaLimits(config.data().maxMsaClusters(), config.data().maxExtraMsa());
        double resolution = parsed.resolution().orElse(TrainingExamples.NOMINAL_RESOLUTION);
        TrainingExamples examples;
        try {
            examples = new TrainingExamples(selected, alignment, pipeline, recycles + 1, common.seed(), resolution);
        } catch (AlignmentFormatException e) {
            throw usage("--msa " + msa + ": " + e.getMessage());
        }
        OptimizerSettings settings = OptimizerSettings.openFold().withLearningRate(learningRate, warmup);
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = runs.resume(spec, common)) {
            if (run.complete()) {
                out.println("training in " + run.directory() + " is complete: " + run.results().get("steps") + " steps; weights in "
                        + run.output(WEIGHTS) + "; nothing to do");
                return ExitCode.OK;
            }
            run.input(structure);
            if (msa != null) {
                run.input(msa);
            }
            if (configuration.configJson != null) {
                run.input(configuration.configJson);
            }
            run.device(compute.device().summary());
            run.versions(compute.versions());
            train(run, config, examples, settings, cropSize, resolution, out);
            run.succeeded();
        }
        return ExitCode.OK;
    }

    private void train(Run run, AlphaFoldConfig config, TrainingExamples examples, OptimizerSettings settings, int cropSize,
            double resolution, PrintWriter out) throws IOException {
        TrainingExample evaluation = examples.evaluation();
        List<String> warnings = new ArrayList<>();
        try (Graph graph = compute.newGraph(common.seed())) {
            TrainingStep step = new TrainingStep(graph, config, DType.F32, examples.train(0), settings);
            try (Session session = graph.newSession()) {
                TrainingLoop.Builder loop = TrainingLoop.builder()
                        .graph(graph, session)
                        .stepCounter(step.stepCounter())
                        .variants(completed -> step.cyclesAt(completed), step.loopVariants())
                        .batches((s, micro) -> step.feeds(examples.train(s)))
                        .checkpoints(run.output("checkpoints"), schedule())
                        .metrics(run.directory(), 1)
                        .configHash(configHash(config, cropSize, resolution))
                        .listener(new TrainingLoop.Listener() {
                            @Override
                            public void checkpointWritten(long completed, Path file) throws IOException {
                                stepListener.checkpointWritten(completed, file);
                            }

                            @Override
                            public void stepCompleted(long completed, Map<String, Double> metrics) throws IOException {
                                for (String warning : TrainingStep.warnings(metrics)) {
                                    String line = "step " + completed + ": " + warning;
                                    warnings.add(line);
                                    spec.commandLine().getErr().println("warning: " + line);
                                }
                                if (evalEvery > 0 && completed % evalEvery == 0 && completed < steps) {
                                    evaluate(run, step, session, evaluation, completed, metrics, out);
                                }
                                stepListener.stepCompleted(completed, metrics);
                            }
                        });
                TrainingLoop.Result result = loop.build().run(steps);
                TrainingStep.Evaluation last = evaluate(run, step, session, evaluation, result.endStep(), result.lastMetrics(), out);
                WeightsFile.save(run.output(WEIGHTS), session, step.model(), config.preset());
                run.result("config", config.preset());
                run.result("crop", cropSize);
                run.result("residues", examples.chainLength());
                run.result("recycles", recycles);
                run.result("resolution", resolution);
                run.result("steps", result.endStep());
                run.result("resumed_from", result.resumed() ? result.startStep() : 0);
                if (!result.lastMetrics().isEmpty()) {
                    run.result("final_loss", result.lastMetrics().get("loss"));
                }
                run.result("final_lddt_ca", last.lddtCa());
                run.result("weights", run.output(WEIGHTS).toString());
                if (!warnings.isEmpty()) {
                    run.result("warnings", warnings);
                }
                out.printf(Locale.ROOT, "trained %d steps%s; lDDT-Ca without dropout %.3f; weights in %s%n", result.endStep(),
                        result.resumed() ? " (resumed at step " + result.startStep() + ")" : "", last.lddtCa(), run.output(WEIGHTS));
            }
        }
    }

    private TrainingStep.Evaluation evaluate(Run run, TrainingStep step, Session session, TrainingExample evaluation, long completed,
            Map<String, Double> metrics, PrintWriter out) throws IOException {
        TrainingStep.Evaluation result = step.evaluate(session, evaluation);
        double plddt = java.util.Arrays.stream(result.plddt()).average().orElse(Double.NaN);
        new EvaluationLog(run.output(EVAL_CSV)).write(completed, result.lddtCa(), plddt);
        Double loss = metrics.get("loss");
        out.printf(Locale.ROOT, "step %d: loss %.4f, lDDT-Ca %.3f (training %.3f), mean pLDDT %.1f%n", completed,
                loss == null ? Double.NaN : loss, result.lddtCa(), metrics.getOrDefault("lddt_ca", Double.NaN), plddt);
        return result;
    }

    /** Every {@code --checkpoint-every} steps, and the steps {@code --checkpoints} names. */
    private CheckpointSchedule schedule() {
        CheckpointSchedule every = CheckpointSchedule.every(checkpointEvery);
        try {
            return checkpoints == null ? every : every.or(CheckpointSchedule.parse(checkpoints));
        } catch (IllegalArgumentException e) {
            throw usage("--checkpoints " + checkpoints + ": " + e.getMessage());
        }
    }

    /** The settings a checkpoint belongs to; --steps is not among them, so a finished run can be extended. */
    private String configHash(AlphaFoldConfig config, int cropSize, double resolution) {
        Map<String, Object> values = new LinkedHashMap<>(config.values());
        values.put("train.structure", structure.getFileName().toString());
        values.put("train.chain", String.valueOf(chain));
        values.put("train.msa", msa == null ? "" : msa.getFileName().toString());
        values.put("train.crop", cropSize);
        values.put("train.recycles", recycles);
        values.put("train.lr", learningRate);
        values.put("train.warmup", warmup);
        values.put("train.seed", common.seed());
        values.put("train.resolution", resolution);
        return ConfigHash.of(values);
    }

    private AlphaFoldConfig config() {
        return configuration.resolve(spec, DEFAULT_PRESET, "--preset " + DEFAULT_PRESET);
    }

    private Msa readMsa() throws IOException {
        InputPaths.file(spec, "--msa", msa);
        try {
            return MsaParsers.read(msa);
        } catch (AlignmentFormatException e) {
            throw usage("--msa " + msa + ": " + e.getMessage());
        }
    }

    private void checkNumbers() {
        if (crop != null && crop < 1) {
            throw usage("--crop " + crop + ": must be 1 or more");
        }
        if (steps < 1) {
            throw usage("--steps " + steps + ": must be 1 or more");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw usage("--lr " + learningRate + ": must be a positive number");
        }
        if (warmup < 0) {
            throw usage("--warmup " + warmup + ": must be 0 or more");
        }
        if (recycles < 0) {
            throw usage("--recycles " + recycles + ": must be 0 or more");
        }
        if (evalEvery < 0) {
            throw usage("--eval-every " + evalEvery + ": must be 0 or more");
        }
        if (checkpointEvery < 1) {
            throw usage("--checkpoint-every " + checkpointEvery + ": must be 1 or more");
        }
        schedule();
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
