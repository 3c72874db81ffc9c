package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.checkpoint.CheckpointDirectory;
import io.timelapse.plugin.openfold.dynamics.CheckpointPredictor;
import io.timelapse.plugin.openfold.dynamics.CheckpointWeights;
import io.timelapse.plugin.openfold.dynamics.DynamicsPlots;
import io.timelapse.plugin.openfold.dynamics.ProbeMeasures;
import io.timelapse.plugin.openfold.dynamics.ProbeRow;
import io.timelapse.plugin.openfold.dynamics.ProbeTable;
import io.timelapse.plugin.openfold.dynamics.TrainingRun;
import io.timelapse.plugin.openfold.dynamics.Transitions;
import io.timelapse.plugin.openfold.model.alphafold.AlphaFold;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.model.config.ConfigException;
import io.timelapse.plugin.openfold.modelio.ModelFileException;
import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.msa.MsaParsers;
import io.timelapse.plugin.openfold.output.PdbTrajectory;
import io.timelapse.plugin.openfold.output.PdbWriter;
import io.timelapse.plugin.openfold.output.PredictedStructure;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import io.timelapse.plugin.openfold.structure.StructureFormatException;
import io.timelapse.plugin.openfold.training.TrainingExamples;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse openfold dynamics --run DIR}: the learning-dynamics probe. Every checkpoint of an {@code openfold
 * train} run predicts the run's own chain and any {@code --probe} chains in evaluation mode; each prediction's shape,
 * lDDT-Cα and secondary structure become a row, its structure a PDB file, and each chain's predictions a trajectory.
 */
@Command(name = "dynamics", mixinStandardHelpOptions = true,
        description = "Probe the learning dynamics of an openfold train run: predict the run's training chain and every --probe "
                + "chain with the weights of each of its checkpoints (evaluation mode, the run's configuration and recycling) and "
                + "write a row per checkpoint and chain to dynamics.csv and dynamics.jsonl (the shares of Cα variance on the first, "
                + "first two and all three principal axes, radius of gyration, lDDT-Cα against the true structure, helix and strand "
                + "fractions of the predicted Cα trace, the dimension of the prediction), each prediction to "
                + "intermediate/CHAIN/step-N.pdb, each chain's predictions in step order to trajectory_CHAIN.pdb (one MODEL per "
                + "checkpoint) and plots of every quantity against the step on linear and log axes with the transitions to planar "
                + "and to 3-D predictions marked. Rerun with the same --out to continue a stopped probe; rows already written are "
                + "kept.")
final class DynamicsCommand implements PluginCommand {

    static final String INTERMEDIATE = "intermediate";

    private final RunService runs;
    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--run", required = true, paramLabel = "DIR",
            description = "The run directory of openfold train (or its checkpoints folder) whose checkpoints are probed.")
    Path runDirectory;

    @Option(names = "--probe", paramLabel = "FILE[,MSA]",
            description = "A further chain to probe: a PDB or mmCIF file (optionally .gz), optionally followed by a comma and its "
                    + "MSA (a3m, a2m, sto, fasta or aln; without it, the query alone). Repeat for more chains.")
    List<String> probes = new ArrayList<>();

    @Option(names = "--chain", paramLabel = "ID",
            description = "The chain id of the --probe files (default: the first protein chain of each).")
    String chain;

    @Option(names = "--share", paramLabel = "X", defaultValue = "0.9",
            description = "The share of the Cα variance that counts a prediction as lying on its first axis (1-D) or its first two "
                    + "axes (planar); below it on two axes it is 3-D (default: ${DEFAULT-VALUE}).")
    double share;

    @Option(names = "--weights", paramLabel = "raw|ema", defaultValue = "raw",
            description = "The weights of each checkpoint to predict with: raw, as trained at that step, or ema, their exponential "
                    + "moving average (of a run trained with --ema). The average at step s still holds 0.999^s of the initial "
                    + "weights, so it blurs the early steps this probe is about (default: ${DEFAULT-VALUE}).",
            converter = WeightsKind.class)
    CheckpointWeights.Kind weights;

    /** Told of every row once it is written; tests stop a probe with it. */
    Consumer<ProbeRow> rowListener = row -> {};

    /** One chain to probe: its name in the outputs, its true structure, the option and files that named it, and its features. */
    private record Probe(String name, ProteinChain truth, String option, List<Path> files, Map<String, HostTensor> features) {}

    @Inject
    DynamicsCommand(RunService runs, ComputeService compute) {
        this.runs = runs;
        this.compute = compute;
    }

    @Override
    public Integer call() throws IOException {
        if (!(share > 0 && share <= 1)) {
            throw usage("--share " + share + ": must be above 0 and at most 1");
        }
        TrainingRun trained = trainingRun();
        AlphaFoldConfig config = config(trained);
        List<CheckpointDirectory.Entry> checkpoints = checkpoints(trained);
        int cycles = trained.recycles() + 1;
        List<Probe> chains = new ArrayList<>();
        List<String> required;
        try (Graph graph = compute.newGraph(0)) {
            AlphaFold model = new AlphaFold(graph.ops(), config.model(), DType.F32);
            for (CheckpointDirectory.Entry checkpoint : checkpoints) {
                try {
                    CheckpointWeights.check(checkpoint.path(), model.parameters(), weights);
                } catch (ModelFileException e) {
                    throw usage("--run " + runDirectory + ": " + e.getMessage());
                }
            }
            required = model.required();
        }
        if (trained.structure() != null) {
            chains.add(probe("--run " + runDirectory, trained.structure(), trained.chain(), trained.msa(), config, required, cycles));
        } else if (probes.isEmpty()) {
            throw usage("--run " + runDirectory + ": a run on a data set has no chain of its own; name the chains to probe with --probe");
        }
        for (String value : probes) {
            int comma = value.lastIndexOf(',');
            Path structure = Path.of(comma < 0 ? value : value.substring(0, comma));
            Path msa = comma < 0 ? null : Path.of(value.substring(comma + 1));
            InputPaths.file(spec, "--probe", structure);
            if (msa != null) {
                InputPaths.file(spec, "--probe", msa);
            }
            chains.add(probe("--probe " + value, structure, chain, msa, config, required, cycles));
        }
        Set<String> names = new HashSet<>();
        for (Probe probe : chains) {
            if (!names.add(probe.name())) {
                throw usage(probe.option() + ": a second chain named " + probe.name() + "; probe each chain once");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = runs.resume(spec, common)) {
            ProbeTable table = ProbeTable.open(run.directory());
            if (run.complete()) {
                long missing = checkpoints.stream().filter(c -> chains.stream().anyMatch(p -> table.row(p.name(), c.step()).isEmpty())).count();
                if (missing > 0) {
                    throw usage("--out " + run.directory() + ": holds a finished probe, and the run has " + missing
                            + " checkpoints it did not probe; give another --out");
                }
                out.println("the probe in " + run.directory() + " is complete: " + table.rows().size() + " rows; nothing to do");
                return ExitCode.OK;
            }
            run.input(trained.directory().resolve(TrainingRun.RUN_JSON));
            if (trained.configJson() != null) {
                run.input(trained.configJson());
            }
            for (Probe probe : chains) {
                for (Path file : probe.files()) {
                    run.input(file);
                }
            }
            run.device(compute.device().summary());
            run.versions(compute.versions());
            probeAll(run, table, config, checkpoints, chains, cycles, out);
            summarise(run, table, checkpoints, chains, cycles, out);
            run.succeeded();
        }
        return ExitCode.OK;
    }

    private void probeAll(Run run, ProbeTable table, AlphaFoldConfig config, List<CheckpointDirectory.Entry> checkpoints,
            List<Probe> chains, int cycles, PrintWriter out) throws IOException {
        try (Progress progress = run.progress("probing checkpoints", (long) checkpoints.size() * chains.size())) {
            for (Probe probe : chains) {
                List<CheckpointDirectory.Entry> todo = checkpoints.stream().filter(c -> table.row(probe.name(), c.step()).isEmpty()).toList();
                progress.advance(checkpoints.size() - todo.size());
                if (todo.isEmpty()) {
                    continue;
                }
                Path folder = Files.createDirectories(run.output(INTERMEDIATE).resolve(probe.name()));
                try (CheckpointPredictor predictor = new CheckpointPredictor(compute, config, probe.features(), cycles,
                        probe.truth().aatype())) {
                    for (CheckpointDirectory.Entry checkpoint : todo) {
                        long start = System.nanoTime();
                        PredictedStructure predicted = predictor.predict(checkpoint.path(), weights);
                        double seconds = (System.nanoTime() - start) / 1e9;
                        ProbeMeasures measured = ProbeMeasures.of(predicted, probe.truth());
                        Path pdb = folder.resolve(String.format(Locale.ROOT, "step-%09d.pdb", checkpoint.step()));
                        PdbWriter.write(pdb, predicted);
                        ProbeRow row = new ProbeRow(checkpoint.step(), probe.name(), measured.shape(), measured.shape().dimension(share),
                                measured.lddtCa(), measured.secondaryStructure().helixFraction(),
                                measured.secondaryStructure().strandFraction(), measured.meanPlddt(), seconds,
                                run.directory().toAbsolutePath().relativize(pdb.toAbsolutePath()).toString());
                        table.add(row);
                        rowListener.accept(row);
                        progress.step();
                        if (!common.quiet()) {
                            out.printf(Locale.ROOT, "step %d %s: PC1 %.3f, PC1+2 %.3f, Rg %.2f A, lDDT-Ca %.3f, helix %.2f, strand %.2f (%dD)%n",
                                    row.step(), row.chain(), row.shape().pc1(), row.shape().pc12(), row.shape().radiusOfGyration(),
                                    row.lddtCa(), row.helix(), row.strand(), row.dimension());
                        }
                    }
                }
            }
        }
    }

    /** Trajectories, transitions, plots and the results in run.json, from every row of the checkpoints probed. */
    private void summarise(Run run, ProbeTable table, List<CheckpointDirectory.Entry> checkpoints, List<Probe> chains, int cycles,
            PrintWriter out) throws IOException {
        Set<Long> steps = new HashSet<>();
        checkpoints.forEach(c -> steps.add(c.step()));
        Map<String, List<ProbeRow>> rows = new LinkedHashMap<>();
        Map<String, Transitions> transitions = new LinkedHashMap<>();
        Map<String, ProbeMeasures> truth = new LinkedHashMap<>();
        Map<String, Object> detected = new LinkedHashMap<>();
        Map<String, Object> references = new LinkedHashMap<>();
        double seconds = 0;
        for (Probe probe : chains) {
            List<ProbeRow> chainRows = table.rows(probe.name()).stream().filter(r -> steps.contains(r.step())).toList();
            rows.put(probe.name(), chainRows);
            Transitions found = Transitions.detect(chainRows.stream().map(ProbeRow::step).toList(),
                    chainRows.stream().map(ProbeRow::dimension).toList());
            transitions.put(probe.name(), found);
            ProbeMeasures reference = ProbeMeasures.truth(probe.truth());
            truth.put(probe.name(), reference);
            PdbTrajectory.write(run.output("trajectory_" + probe.name() + ".pdb"),
                    chainRows.stream().map(r -> run.directory().resolve(r.structure())).toList());
            detected.put(probe.name(), found.fields());
            references.put(probe.name(), reference.referenceFields());
            seconds += chainRows.stream().mapToDouble(ProbeRow::seconds).sum();
            out.printf(Locale.ROOT, "%s: planar from step %s, 3-D from step %s; trajectory_%s.pdb%n", probe.name(),
                    describe(found.toPlanar()), describe(found.toThreeD()), probe.name());
        }
        DynamicsPlots.write(run.directory(), rows, transitions, truth);
        run.result("checkpoints", checkpoints.size());
        run.result("steps", checkpoints.stream().map(CheckpointDirectory.Entry::step).toList());
        run.result("chains", chains.stream().map(Probe::name).toList());
        run.result("cycles", cycles);
        run.result("share", share);
        run.result("weights", weights.name().toLowerCase(Locale.ROOT));
        run.result("transitions", detected);
        run.result("truth", references);
        run.result("rows", table.rows().size());
        run.result("mean_seconds_per_prediction", seconds / Math.max(1, (long) checkpoints.size() * chains.size()));
    }

    private static String describe(OptionalLong step) {
        return step.isPresent() ? Long.toString(step.getAsLong()) : "(not detected)";
    }

    private TrainingRun trainingRun() throws IOException {
        InputPaths.folder(spec, "--run", runDirectory);
        Path directory = runDirectory;
        if (!Files.exists(directory.resolve(TrainingRun.RUN_JSON)) && directory.getFileName() != null
                && directory.getFileName().toString().equals(TrainingRun.CHECKPOINTS) && directory.toAbsolutePath().getParent() != null) {
            directory = directory.toAbsolutePath().getParent();
        }
        try {
            return TrainingRun.read(directory);
        } catch (TrainingRun.Invalid e) {
            throw usage("--run " + runDirectory + ": " + e.getMessage());
        }
    }

    private AlphaFoldConfig config(TrainingRun trained) {
        try {
            return trained.configuration(TrainCommand.DEFAULT_PRESET);
        } catch (ConfigException e) {
            throw usage("--run " + runDirectory + ": the training run's configuration: " + e.getMessage());
        }
    }

    private List<CheckpointDirectory.Entry> checkpoints(TrainingRun trained) throws IOException {
        CheckpointDirectory.Scan scan = new CheckpointDirectory(trained.checkpoints()).scan(false);
        for (CheckpointDirectory.Rejected rejected : scan.rejected()) {
            spec.commandLine().getErr().println("warning: skipping " + rejected.reason());
        }
        if (scan.complete().isEmpty()) {
            throw usage("--run " + runDirectory + ": no complete checkpoint in " + trained.checkpoints());
        }
        return scan.complete();
    }

    /** A chain to probe and its features; a file that does not parse is a usage error of {@code option}. */
    private Probe probe(String option, Path structure, String chainId, Path msa, AlphaFoldConfig config, List<String> required, int cycles)
            throws IOException {
        ProteinChain selected;
        try {
            selected = StructureFiles.read(structure).chain(chainId);
        } catch (StructureFormatException e) {
            throw usage(option + ": " + e.getMessage());
        }
        try {
            Msa alignment = msa == null ? TrainingExamples.singleSequence(selected) : MsaParsers.read(msa);
            Map<String, HostTensor> features = PredictFeatures.fromChain(selected, alignment, config.data(), required, cycles, common.seed());
            List<Path> files = msa == null ? List.of(structure) : List.of(structure, msa);
            return new Probe(selected.label().replaceAll("[^A-Za-z0-9._-]", "_"), selected, option, files, features);
        } catch (AlignmentFormatException e) {
            throw usage(option + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code raw} or {@code ema}, case-insensitive. */
    static final class WeightsKind implements picocli.CommandLine.ITypeConverter<CheckpointWeights.Kind> {
        @Override
        public CheckpointWeights.Kind convert(String value) {
            try {
                return CheckpointWeights.Kind.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is neither raw nor ema");
            }
        }
    }
}
