package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.Graph;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Outputs;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Tensor;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.checkpoint.CheckpointMetadata;
import io.timelapse.plugin.openfold.dynamics.CheckpointWeights;
import io.timelapse.plugin.openfold.dynamics.TrainingRun;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.model.alphafold.AlphaFold;
import io.timelapse.plugin.openfold.model.config.AlphaFoldConfig;
import io.timelapse.plugin.openfold.model.config.ConfigException;
import io.timelapse.plugin.openfold.modelio.FeaturesFile;
import io.timelapse.plugin.openfold.modelio.ModelFileException;
import io.timelapse.plugin.openfold.modelio.WeightsFile;
import io.timelapse.plugin.openfold.msa.AlignmentFormatException;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.msa.MsaParsers;
import io.timelapse.plugin.openfold.output.MmcifWriter;
import io.timelapse.plugin.openfold.output.PdbWriter;
import io.timelapse.plugin.openfold.output.PredictedStructure;
import io.timelapse.plugin.openfold.output.PredictionNpz;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import io.timelapse.plugin.openfold.structure.StructureFormatException;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse openfold predict --weights FILE (--features FILE.npz | --structure FILE [--msa FILE]) --out DIR}:
 * the model in evaluation mode on one chain, written as prediction.pdb and prediction.cif (pLDDT as B-factors) and
 * every output as outputs.npz.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict one chain's structure with an OpenFold model in evaluation mode (no dropout, no BERT masking) "
                + "from a weights file and either a features file or a structure file with an optional MSA, and write "
                + "prediction.pdb and prediction.cif (pLDDT in the B-factor column) and outputs.npz (every model output) into "
                + "the run directory.")
final class PredictCommand implements PluginCommand {

    private final RunService runs;
    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "The model's weights as safetensors under OpenFold's state-dict names, as the plugin saves them (their "
                    + "configuration is the one named in the file's metadata unless --preset is given), or a checkpoint of "
                    + "openfold train (checkpoints/step-N.safetensors: the configuration and recycling iterations are its run's).")
    Path weights;

    @Option(names = "--ema",
            description = "With a checkpoint of openfold train: predict with its moving average of the weights instead of the "
                    + "weights as trained at that step.")
    boolean ema;

    @Mixin
    ConfigOptions configuration;

    @Option(names = "--features", paramLabel = "FILE",
            description = "The input features as an npz under OpenFold's names, each with or without the trailing recycling axis "
                    + "(without it, each feature is repeated over the passes).")
    Path features;

    @Option(names = "--structure", paramLabel = "FILE",
            description = "A PDB or mmCIF file (optionally .gz) whose chain's sequence is predicted; its MSA features are "
                    + "sampled with --seed, once per pass.")
    Path structure;

    @Option(names = "--chain", paramLabel = "ID", description = "With --structure: the chain id (default: the first protein chain).")
    String chain;

    @Option(names = "--msa", paramLabel = "FILE",
            description = "With --structure: the chain's MSA (a3m, a2m, sto, fasta or aln); without it, the query alone.")
    Path msa;

    @Option(names = "--recycles", paramLabel = "N",
            description = "Extra passes through the model after the first (default: the configuration's number of recycling "
                    + "iterations less one).")
    Integer recycles;

    /** Whether --weights is a checkpoint of openfold train; read once from its header. */
    private boolean checkpoint;

    @Inject
    PredictCommand(RunService runs, ComputeService compute) {
        this.runs = runs;
        this.compute = compute;
    }

    @Override
    public Integer call() throws IOException {
        if ((features == null) == (structure == null)) {
            throw usage("give exactly one of --features FILE and --structure FILE");
        }
        if (structure == null && (chain != null || msa != null)) {
            throw usage((chain != null ? "--chain" : "--msa") + " needs --structure");
        }
        if (recycles != null && recycles < 0) {
            throw usage("--recycles " + recycles + ": must be 0 or more");
        }
        InputPaths.file(spec, "--weights", weights);
        checkpoint = isCheckpoint();
        TrainingRun trained = checkpointRun();
        if (ema && !checkpoint) {
            throw usage("--ema: only a checkpoint of openfold train holds averaged weights, and " + weights + " is not one");
        }
        AlphaFoldConfig config = trained != null && configuration.preset == null && configuration.modelConfig == null
                && configuration.configJson == null ? trainedConfig(trained) : config();
        int cycles = recycles != null ? recycles + 1 : trained != null ? trained.recycles() + 1 : config.data().numRecyclingIterations();
        try (Graph graph = compute.newGraph(common.seed())) {
            Ops ops = graph.ops();
            AlphaFold model = new AlphaFold(ops, config.model(), DType.F32);
            Map<String, HostTensor> inputs = inputs(model, config, cycles);
            AlphaFold.Output output;
            Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();
            try {
                output = model.apply(AlphaFold.placeholders(ops, inputs, feeds), cycles, null, false);
            } catch (IllegalArgumentException e) {
                throw usage(source() + ": the features do not fit the model: " + e.getMessage());
            }
            try (Session session = graph.newSession()) {
                session.initialize();
                try {
                    if (checkpoint) {
                        CheckpointWeights.load(weights, session, model.parameters(),
                                ema ? CheckpointWeights.Kind.EMA : CheckpointWeights.Kind.RAW);
                    } else {
                        WeightsFile.load(weights, session, model);
                    }
                } catch (ModelFileException e) {
                    throw usage("--weights " + e.getMessage());
                }
                return run(session, config, cycles, feeds, inputs, output.named());
            }
        }
    }

    private int run(Session session, AlphaFoldConfig config, int cycles, Map<Tensor, HostTensor> feeds, Map<String, HostTensor> inputs,
            Map<String, Tensor> named) throws IOException {
        try (Run run = runs.start(spec, common)) {
            run.input(weights);
            for (Path file : new Path[] {configuration.configJson, features, structure, msa}) {
                if (file != null) {
                    run.input(file);
                }
            }
            run.device(compute.device().summary());
            run.versions(compute.versions());
            List<String> names = new ArrayList<>(named.keySet());
            long start = System.nanoTime();
            Map<String, HostTensor> values = new LinkedHashMap<>();
            try (Outputs outputs = session.run(feeds, names.stream().map(named::get).toList())) {
                for (int i = 0; i < names.size(); i++) {
                    values.put(names.get(i), outputs.get(i).copy());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            PredictedStructure predicted = PredictedStructure.fromModel(firstSlice(inputs.get("aatype")),
                    firstSlice(inputs.get("residue_index")), values.get("final_atom_positions"), values.get("final_atom_mask"),
                    values.get("plddt"));
            PredictionNpz.write(run.output("outputs.npz"), values);
            PdbWriter.write(run.output("prediction.pdb"), predicted);
            MmcifWriter.write(run.output("prediction.cif"), predicted, "prediction");
            double meanPlddt = mean(predicted.plddt());
            run.result("config", config.preset());
            run.result("length", predicted.length());
            run.result("recycles", cycles - 1);
            run.result("mean_plddt", meanPlddt);
            run.result("seconds", seconds);
            run.succeeded();
            spec.commandLine().getOut().printf("%d residues, %d recycles, mean pLDDT %.2f in %.1f s: %s%n", predicted.length(),
                    cycles - 1, meanPlddt, seconds, run.output("prediction.pdb"));
        }
        return ExitCode.OK;
    }

    /** Whether --weights is a checkpoint of a training run (which records no configuration name of its own). */
    private boolean isCheckpoint() throws IOException {
        try {
            return CheckpointMetadata.FORMAT.equals(WeightsFile.metadata(weights).get(WeightsFile.FORMAT_KEY));
        } catch (IOException e) {
            throw usage("--weights " + weights + ": " + e.getMessage());
        }
    }

    /** The training run whose checkpoints/ folder holds --weights, when it is a checkpoint there; else null. */
    private TrainingRun checkpointRun() throws IOException {
        if (!checkpoint) {
            return null;
        }
        Path folder = weights.toAbsolutePath().getParent();
        if (folder == null || folder.getParent() == null || !Files.isRegularFile(folder.getParent().resolve(TrainingRun.RUN_JSON))) {
            return null;
        }
        try {
            return TrainingRun.read(folder.getParent());
        } catch (TrainingRun.Invalid e) {
            throw usage("--weights " + weights + ": its run: " + e.getMessage());
        }
    }

    private AlphaFoldConfig trainedConfig(TrainingRun trained) {
        try {
            return trained.configuration(TrainCommand.DEFAULT_PRESET);
        } catch (ConfigException e) {
            throw usage("--weights " + weights + ": the configuration of its training run: " + e.getMessage());
        }
    }

    /** The configuration: --preset or the weights' recorded name, with --config-json's overrides. */
    private AlphaFoldConfig config() throws IOException {
        String recorded = null;
        if (configuration.preset == null) {
            try {
                recorded = WeightsFile.configName(weights).orElseThrow(() -> usage("--weights " + weights
                        + ": the file records no configuration name" + (checkpoint ? " (a checkpoint outside the checkpoints/ "
                        + "folder of its run)" : "") + "; give --preset NAME"));
            } catch (ModelFileException e) {
                throw usage("--weights " + e.getMessage());
            }
        }
        return configuration.resolve(spec, recorded, "--weights " + weights);
    }

    private Map<String, HostTensor> inputs(AlphaFold model, AlphaFoldConfig config, int cycles) throws IOException {
        if (features != null) {
            InputPaths.file(spec, "--features", features);
            FeatureSet read;
            try {
                read = FeaturesFile.read(features, model.required());
            } catch (ModelFileException e) {
                throw usage("--features " + e.getMessage());
            }
            int slices = PredictFeatures.slices(read);
            if (slices > 0 && cycles > slices) {
                throw usage("--features " + features + ": has " + slices + " recycling slices, too few for " + (cycles - 1)
                        + " recycles; give --recycles " + (slices - 1) + " or fewer");
            }
            try {
                return PredictFeatures.fromFile(read, model.required(), cycles);
            } catch (IllegalArgumentException e) {
                throw usage("--features " + features + ": " + e.getMessage());
            }
        }
        InputPaths.file(spec, "--structure", structure);
        ProteinChain selected;
        try {
            selected = Chains.select(spec, StructureFiles.read(structure), chain);
        } catch (StructureFormatException e) {
            throw usage("--structure " + e.getMessage());
        }
        Msa alignment;
        try {
            alignment = msa == null
                    ? new Msa(structure.toString(), List.of(selected.sequence()), List.of("query"), List.of(new int[selected.length()]))
                    : MsaParsers.read(InputPaths.file(spec, "--msa", msa));
            return PredictFeatures.fromChain(selected, alignment, config.data(), model.required(), cycles, common.seed());
        } catch (AlignmentFormatException e) {
            throw usage("--msa " + e.getMessage());
        }
    }

    private String source() {
        return features != null ? "--features " + features : "--structure " + structure;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** {@code t[..., 0]} of an int feature with the trailing recycling axis. */
    private static int[] firstSlice(HostTensor t) {
        int[] all = t.toInts();
        int r = Math.toIntExact(t.shape().dim(-1));
        int[] first = new int[all.length / r];
        for (int i = 0; i < first.length; i++) {
            first[i] = all[i * r];
        }
        return first;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }
}
