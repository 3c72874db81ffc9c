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
import io.timelapse.plugin.openfold.dataset.DatasetManifest;
import io.timelapse.plugin.openfold.dataset.DatasetSplits;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.modelio.WeightsFile;
import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.msa.MsaParsers;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.ProteinStructure;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import io.timelapse.plugin.openfold.training.DatasetExamples;
import io.timelapse.plugin.openfold.training.ExampleSource;
import io.timelapse.plugin.openfold.training.OptimizerSettings;
import io.timelapse.plugin.openfold.training.TrainingExamples;
import io.timelapse.plugin.openfold.training.TrainingStep;
import io.timelapse.plugin.openfold.training.Validation;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse openfold train}: trains an OpenFold model on one chain or on a data set with OpenFold's training
 * step, logging every step's loss terms, evaluating with the averaged weights, checkpointing so that a rerun with the
 * same {@code --out} resumes, and saving the final weights for {@code openfold predict --weights}.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train an OpenFold model on one chain (--structure) or on a data set of openfold dataset build (--data): "
                + "each step samples --batch training examples (a chain, a crop, MSA clusters, BERT masking, a fresh sample per "
                + "recycling slice), runs the model with dropout and OpenFold's loss on the last slice, averages the gradients, "
                + "clips them to global norm 0.1 and takes one Adam step; an exponential moving average of the weights "
                + "follows (--ema). Writes metrics.csv, metrics.jsonl and tensorboard/ (loss, every term, gradient norm, "
                + "learning rate and lDDT-Cα per step), eval.csv for one chain or validation.csv and validation/ for a "
                + "--validation split (lDDT-Cα, GDT and RMSD of the averaged weights' predictions, plotted per family), checkpoints/ and "
                + "weights.safetensors (the averaged weights) into the run. Rerun with the same --out and options to resume a "
                + "stopped run.")
final class TrainCommand implements PluginCommand {

    /** The preset trained when --preset is not given. */
    static final String DEFAULT_PRESET = "tiny";

    static final String WEIGHTS = "weights.safetensors";
    static final String EVAL_CSV = TrainingEvaluations.EVAL_CSV;
    static final String VALIDATION_CSV = TrainingEvaluations.VALIDATION_CSV;

    private final RunService runs;
    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--structure", paramLabel = "FILE",
            description = "The PDB or mmCIF file (optionally .gz) of the one chain to train on; or give --data.")
    Path structure;

    @Option(names = "--data", paramLabel = "DIR",
            description = "A data set of openfold dataset build to train on: each example draws one of its chains uniformly.")
    Path data;

    @Option(names = "--split", paramLabel = "NAME",
            description = "The manifest of --data to train on: manifest.NAME.json, as openfold dataset split writes it (default: "
                    + "manifest.json, every chain).")
    String split;

    @Option(names = "--validation", paramLabel = "NAME",
            description = "A manifest of --data (manifest.NAME.json) whose chains are predicted whole with the averaged weights "
                    + "every --eval-every steps and scored (lDDT-Cα, GDT-TS, GDT-HA, Cα RMSD); chains it shares with the "
                    + "training split are warned about.")
    String validation;

    @Option(names = "--validation-chains", paramLabel = "N", defaultValue = "8",
            description = "At most this many chains of --validation, drawn with --seed; 0 for all (default: ${DEFAULT-VALUE}).")
    int validationChains;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1",
            description = "Examples per step: their gradients are averaged into one update, as OpenFold averages a batch's "
                    + "(default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--ema", paramLabel = "DECAY", defaultValue = "0.999",
            description = "Decay of the exponential moving average of the weights, OpenFold's 0.999; evaluations and "
                    + "weights.safetensors use the average, checkpoints hold both. 0 turns it off (default: ${DEFAULT-VALUE}).")
    double ema;

    @Option(names = "--chain", paramLabel = "ID", description = "The chain id of --structure (default: the first protein chain).")
    String chain;

    @Option(names = "--msa", paramLabel = "FILE",
            description = "The chain's MSA (a3m, a2m, sto, fasta or aln) with the chain's sequence as its query; without it, the "
                    + "query alone.")
    Path msa;

    @Mixin
    ConfigOptions configuration;

    @Option(names = "--crop", paramLabel = "N",
            description = "Residues in each example's contiguous crop: for --structure at most the chain's length, for --data "
                    + "shorter chains are padded (default: the configuration's crop_size, or the whole --structure chain when it "
                    + "is shorter).")
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
            description = "Predict without dropout every N steps: the --structure chain into eval.csv, or the --validation "
                    + "chains into validation.csv; 0 only after the last step (default: ${DEFAULT-VALUE}).")
    long evalEvery;

    @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "50",
            description = "Write a checkpoint (every variable: weights, Adam moments, the weight average, the step) every N steps "
                    + "(default: ${DEFAULT-VALUE}).")
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
        TrainingSource source = structure != null ? chain(config) : dataset(config);
        OptimizerSettings settings = OptimizerSettings.openFold().withLearningRate(learningRate, warmup);
        PrintWriter out = spec.commandLine().getOut();
        for (String warning : source.warnings()) {
            spec.commandLine().getErr().println("warning: " + warning);
        }
        try (Run run = runs.resume(spec, common)) {
            if (run.complete()) {
                out.println("training in " + run.directory() + " is complete: " + run.results().get("steps") + " steps; weights in "
                        + run.output(WEIGHTS) + "; nothing to do");
                return ExitCode.OK;
            }
            for (Path input : source.inputs()) {
                run.input(input);
            }
            if (configuration.configJson != null) {
                run.input(configuration.configJson);
            }
            run.device(compute.device().summary());
            run.versions(compute.versions());
            train(run, config, source, settings, out);
            run.succeeded();
        }
        return ExitCode.OK;
    }

    /** One chain (--structure, --chain, --msa). */
    private TrainingSource chain(AlphaFoldConfig config) throws IOException {
        ProteinStructure parsed = StructureFiles.read(InputPaths.file(spec, "--structure", structure));
        ProteinChain selected = Chains.select(spec, parsed, chain);
        int cropSize = crop != null ? crop : Math.min(config.data().cropSize(), selected.length());
        if (cropSize > selected.length()) {
            throw usage("--crop " + cropSize + ": larger than chain " + selected.chainId() + " of " + structure + ", which has "
                    + selected.length() + " residues");
        }
        Msa alignment = msa == null ? TrainingExamples.singleSequence(selected) : readMsa();
        double resolution = parsed.resolution().orElse(TrainingExamples.NOMINAL_RESOLUTION);
        TrainingExamples examples;
        try {
            examples = new TrainingExamples(selected, alignment, pipeline(config, cropSize), recycles + 1, common.seed(), resolution);
        } catch (AlignmentFormatException e) {
            throw usage("--msa " + msa + ": " + e.getMessage());
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("train.structure", structure.getFileName().toString());
        settings.put("train.chain", String.valueOf(chain));
        settings.put("train.msa", msa == null ? "" : msa.getFileName().toString());
        settings.put("train.resolution", resolution);
        List<Path> inputs = msa == null ? List.of(structure) : List.of(structure, msa);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("residues", examples.chainLength());
        results.put("resolution", resolution);
        return new TrainingSource(examples, examples.evaluation(), null, settings, inputs, results, List.of());
    }

    /** A data set (--data, --split, --validation). */
    private TrainingSource dataset(AlphaFoldConfig config) throws IOException {
        int cropSize = crop != null ? crop : config.data().cropSize();
        Path trainManifest = manifest("--split", split);
        DatasetManifest training = readManifest("--split", split, trainManifest);
        DatasetExamples examples = examples("--split", split, trainManifest, training, config, cropSize);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("train.data", data.toAbsolutePath().normalize().toString());
        settings.put("train.split", String.valueOf(split));
        settings.put("train.chains", training.chains().stream().map(DatasetManifest.Entry::id).toList());
        settings.put("train.batch", batch);
        List<Path> inputs = new ArrayList<>(List.of(trainManifest));
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("training_chains", training.chains().size());
        List<String> warnings = new ArrayList<>();
        DatasetExamples validationExamples = null;
        if (validation != null) {
            Path validationManifest = manifest("--validation", validation);
            DatasetManifest held = readManifest("--validation", validation, validationManifest);
            if (validationChains > 0 && validationChains < held.chains().size()) {
                held = DatasetSplits.subsample(held, validationChains, common.seed());
            }
            validationExamples = examples("--validation", validation, validationManifest, held, config, cropSize);
            Set<String> trainedOn = training.chains().stream().map(DatasetManifest.Entry::id).collect(Collectors.toSet());
            List<String> shared = held.chains().stream().map(DatasetManifest.Entry::id).filter(trainedOn::contains).toList();
            if (!shared.isEmpty()) {
                warnings.add("--validation " + validation + ": " + shared.size() + " of its " + held.chains().size()
                        + " chains are also in the training split, so their scores are not held out: " + String.join(", ", shared));
            }
            settings.put("train.validation", held.chains().stream().map(DatasetManifest.Entry::id).toList());
            inputs.add(validationManifest);
            results.put("validation_chains", held.chains().stream().map(DatasetManifest.Entry::id).toList());
        }
        return new TrainingSource(examples, null, validationExamples, settings, inputs, results, warnings);
    }

    /** The manifest of a split of --data: manifest.NAME.json, or manifest.json without a name. */
    private Path manifest(String option, String name) {
        Path file = data.resolve(name == null ? "manifest.json" : "manifest." + name + ".json");
        if (!Files.isRegularFile(file)) {
            throw usage((name == null ? "--data " + data : option + " " + name) + ": no manifest " + file
                    + (name == null ? "; a data set of openfold dataset build?" : "; openfold dataset split --name " + name + " writes it"));
        }
        return file;
    }

    private DatasetManifest readManifest(String option, String name, Path file) {
        try {
            return DatasetManifest.read(file);
        } catch (IOException e) {
            throw usage((name == null ? "--data " + data : option + " " + name) + ": " + e.getMessage());
        }
    }

    private DatasetExamples examples(String option, String name, Path file, DatasetManifest manifest, AlphaFoldConfig config,
            int cropSize) throws IOException {
        try {
            return new DatasetExamples(file, manifest, pipeline(config, cropSize), recycles + 1, common.seed());
        } catch (DatasetExamples.Invalid e) {
            throw usage((name == null ? "--data " + data : option + " " + name) + ": " + e.getMessage());
        }
    }

    private static PipelineConfig pipeline(AlphaFoldConfig config, int cropSize) {
        return PipelineConfig.openFoldTraining().withCropSize(cropSize).withMsaLimits(config.data().maxMsaClusters(),
                config.data().maxExtraMsa());
    }

    private void train(Run run, AlphaFoldConfig config, TrainingSource source, OptimizerSettings settings, PrintWriter out) throws IOException {
        List<String> warnings = new ArrayList<>(source.warnings());
        ExampleSource examples = source.examples();
        try (Graph graph = compute.newGraph(common.seed())) {
            TrainingStep step = new TrainingStep(graph, config, DType.F32, examples.train(0, 0), settings, batch, ema);
            Validation held = source.validation() == null ? null : new Validation(graph, step.model(), source.validation(), DType.F32);
            try (Session session = graph.newSession(); TrainingEvaluations evaluations = new TrainingEvaluations(run, step, session, source, held, out)) {
                TrainingLoop.Builder loop = TrainingLoop.builder()
                        .graph(graph, session)
                        .stepCounter(step.stepCounter())
                        .variants(completed -> step.cyclesAt(completed), step.loopVariants())
                        .batches((s, member) -> step.feeds(examples.train(s, member)))
                        .checkpoints(run.output("checkpoints"), schedule())
                        .metrics(run.directory(), 1)
                        .configHash(configHash(config, source, examples.cropSize()))
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
                                    evaluations.evaluate(completed, metrics);
                                }
                                stepListener.stepCompleted(completed, metrics);
                            }
                        });
                if (batch > 1) {
                    loop.microBatches(batch);
                }
                step.average().ifPresent(average -> loop.afterInitialize(average.reset()).afterStep(average.update()));
                TrainingLoop.Result result = loop.build().run(steps);
                OptionalDouble score = evaluations.evaluate(result.endStep(), result.lastMetrics());
                step.withAveragedWeights(session, () -> {
                    try {
                        WeightsFile.save(run.output(WEIGHTS), session, step.model(), config.preset());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return null;
                });
                run.result("config", config.preset());
                run.result("crop", examples.cropSize());
                source.results().forEach(run::result);
                run.result("recycles", recycles);
                run.result("batch", batch);
                run.result("ema_decay", ema);
                run.result("steps", result.endStep());
                run.result("resumed_from", result.resumed() ? result.startStep() : 0);
                if (!result.lastMetrics().isEmpty()) {
                    run.result("final_loss", result.lastMetrics().get("loss"));
                }
                score.ifPresent(lddt -> run.result(held == null ? "final_lddt_ca" : "final_validation_lddt_ca", lddt));
                run.result("weights", run.output(WEIGHTS).toString());
                if (!warnings.isEmpty()) {
                    run.result("warnings", warnings);
                }
                String scored = score.isEmpty() ? "" : String.format(Locale.ROOT, "; %s lDDT-Ca without dropout%s %.3f",
                        held == null ? "the chain's" : "mean validation", ema > 0 ? " (averaged weights)" : "", score.getAsDouble());
                out.printf(Locale.ROOT, "trained %d steps%s%s; weights in %s%n", result.endStep(),
                        result.resumed() ? " (resumed at step " + result.startStep() + ")" : "", scored, run.output(WEIGHTS));
            }
        }
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
    private String configHash(AlphaFoldConfig config, TrainingSource source, int cropSize) {
        Map<String, Object> values = new LinkedHashMap<>(config.values());
        values.putAll(source.settings());
        values.put("train.crop", cropSize);
        values.put("train.recycles", recycles);
        values.put("train.lr", learningRate);
        values.put("train.warmup", warmup);
        values.put("train.seed", common.seed());
        if (batch != 1) {
            values.put("train.batch", batch);
        }
        if (ema > 0) {
            values.put("train.ema", ema);
        }
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
        if ((structure == null) == (data == null)) {
            throw usage(structure == null ? "give the chain to train on (--structure FILE) or a data set (--data DIR)"
                    : "--structure " + structure + " and --data " + data + ": train on one chain or on a data set, not both");
        }
        if (data != null && (chain != null || msa != null)) {
            throw usage((chain != null ? "--chain" : "--msa") + ": belongs to --structure; a data set has each chain's MSA");
        }
        if (data == null && (split != null || validation != null)) {
            throw usage((split != null ? "--split " + split : "--validation " + validation) + ": names a manifest of --data, "
                    + "which is not given");
        }
        if (data != null && !Files.isDirectory(data)) {
            throw usage("--data " + data + ": no such directory");
        }
        if (batch < 1) {
            throw usage("--batch " + batch + ": must be 1 or more");
        }
        if (!(ema >= 0 && ema < 1)) {
            throw usage("--ema " + ema + ": must be 0 (off) or above 0 and below 1");
        }
        if (validationChains < 0) {
            throw usage("--validation-chains " + validationChains + ": must be 0 (all) or more");
        }
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
