package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.openfold.features.FeatureFiles;
import io.timelapse.plugin.openfold.features.FeaturePipeline;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import io.timelapse.plugin.openfold.msa.Msa;
import io.timelapse.plugin.openfold.msa.MsaMerger;
import io.timelapse.plugin.openfold.msa.MsaParsers;
import io.timelapse.plugin.openfold.structure.ProteinChain;
import io.timelapse.plugin.openfold.structure.ProteinStructure;
import io.timelapse.plugin.openfold.structure.StructureFiles;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse openfold features --structure FILE [--chain ID] [--msa FILE]... --out FILE.npz}:
 * one chain's ground-truth and MSA features under OpenFold's names, deterministic by default or a
 * sampled training example with {@code --sample}.
 */
@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Compute one chain's OpenFold features (ground truth and MSA) into an npz file.")
final class FeaturesCommand implements PluginCommand {

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--structure", required = true, paramLabel = "FILE", description = "PDB or mmCIF file (optionally .gz).")
    Path structure;

    @Option(names = "--chain", paramLabel = "ID", description = "Chain id (default: the first protein chain).")
    String chain;

    @Option(names = "--msa", paramLabel = "FILE",
            description = "MSA files (a3m, a2m, sto, fasta, aln), merged with global de-duplication; none = the query alone.")
    List<Path> msas = new ArrayList<>();

    @Option(names = "--sample", description = "Sample a training example (block deletion, clusters, BERT mask, crop, padding) with --seed.")
    boolean sample;

    @Option(names = "--crop", paramLabel = "N", defaultValue = "256",
            description = "With --sample: residues in the contiguous crop and the padded length (default: ${DEFAULT-VALUE}).")
    int crop;

    @Option(names = "--max-msa-clusters", paramLabel = "N", defaultValue = "128",
            description = "With --sample: MSA rows drawn as cluster centres, OpenFold's max_msa_clusters (default: ${DEFAULT-VALUE}).")
    int maxClusters;

    @Option(names = "--max-extra-msa", paramLabel = "N", defaultValue = "1024",
            description = "With --sample: the most MSA rows kept for the extra-MSA stack, OpenFold's max_extra_msa "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxExtra;

    @Inject
    FeaturesCommand(RunService runs) {
        this.runs = runs;
    }

    private boolean outIsFile() {
        return common.out() != null && common.out().getFileName().toString().endsWith(".npz");
    }

    @Override
    public Integer call() throws Exception {
        requirePositive("--crop", crop);
        requirePositive("--max-msa-clusters", maxClusters);
        requirePositive("--max-extra-msa", maxExtra);
        Path folder = outIsFile() ? common.out().toAbsolutePath().getParent() : null;
        if (folder != null && !Files.isDirectory(folder)) {
            throw new ParameterException(spec.commandLine(), "--out " + common.out() + ": no such folder " + folder);
        }
        ProteinStructure parsed = StructureFiles.read(InputPaths.file(spec, "--structure", structure));
        ProteinChain selected = Chains.select(spec, parsed, chain);
        for (Path file : msas) {
            InputPaths.file(spec, "--msa", file);
        }
        try (Run run = outIsFile() ? runs.startInDefaultDirectory(spec, common) : runs.start(spec, common)) {
            run.input(structure);
            List<Msa> parsedMsas = new ArrayList<>();
            for (Path file : msas) {
                parsedMsas.add(MsaParsers.read(run.input(file)));
            }
            Msa msa = parsedMsas.isEmpty()
                    ? new Msa(structure.toString(), List.of(selected.sequence()), List.of("query"), List.of(new int[selected.length()]))
                    : MsaMerger.merge(parsedMsas);
            PipelineConfig config = PipelineConfig.openFoldTraining().withCropSize(crop).withMsaLimits(maxClusters, maxExtra);
            FeaturePipeline pipeline = new FeaturePipeline(config);
            FeatureSet features = sample ? pipeline.sample(selected, msa, common.seed()) : pipeline.deterministic(selected, msa);
            Path target = outIsFile() ? common.out() : run.output("features.npz");
            FeatureFiles.write(target, features);
            run.device("CPU");
            run.result("features", target.toString());
            run.result("chain", selected.chainId());
            run.result("residues", selected.length());
            run.result("msa_depth", msa.depth());
            run.succeeded();
            PrintWriter out = spec.commandLine().getOut();
            out.printf("chain %s of %s: %d residues (%d with CA), MSA depth %d%s%n", selected.chainId(), structure,
                    selected.length(), selected.countResolvedCa(), msa.depth(), sample ? ", sampled with seed " + common.seed() : "");
            Summaries.features(out, features);
            out.println("written to " + target);
        }
        return ExitCode.OK;
    }

    private void requirePositive(String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " " + value + ": must be 1 or more");
        }
    }
}
