package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.api.shard.Shard;
import io.timelapse.api.shard.Shardable;
import io.timelapse.plugin.openfold.dataset.ChainFilters;
import io.timelapse.plugin.openfold.dataset.DatasetBuilder;
import io.timelapse.plugin.openfold.dataset.DatasetManifest;
import io.timelapse.plugin.openfold.dataset.DatasetShard;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code timelapse openfold dataset build [ROOT...]}: (structure, MSA) pairs, features and a manifest; shardable. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Build (structure, MSA) pairs, features and a manifest into the run directory. "
                + "Without ROOTs, uses Debian's theseus-examples (apt-get install theseus-examples); "
                + "--shard i/n builds one block of the structures for array jobs, joined by 'dataset merge'.")
final class DatasetBuildCommand implements Callable<Integer>, Shardable {

    /** Where Debian's theseus-examples package puts its two structure families. */
    static final List<Path> THESEUS = List.of(Path.of("/usr/share/doc/theseus/examples/ldh"),
            Path.of("/usr/share/doc/theseus/examples/trypsins"));

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "ROOT", arity = "0..*",
            description = "Folders holding structure files and family alignments (default: theseus-examples' ldh and trypsins).")
    List<Path> roots;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-resolution", paramLabel = "ANGSTROM", defaultValue = "9.0",
            description = "Drop chains whose resolution is worse than this many Å (default: ${DEFAULT-VALUE}).")
    double maxResolution;

    @Option(names = "--release-cutoff", paramLabel = "YYYY-MM-DD", converter = IsoDate.class, description = "Drop chains released after this date.")
    LocalDate cutoff;

    @Option(names = "--shard", paramLabel = "i/n",
            description = "Build only shard i of n: the i-th of n contiguous blocks of the sorted (family, structure file) pairs.")
    String shard;

    DatasetBuildCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws IOException {
        List<Path> inputs = roots == null || roots.isEmpty() ? theseus() : roots;
        for (Path root : inputs) {
            InputPaths.folder(spec, "ROOT", root);
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads " + threads + ": must be 1 or more");
        }
        if (!(maxResolution > 0)) {
            throw new ParameterException(spec.commandLine(), "--max-resolution " + maxResolution + ": must be more than 0 Å");
        }
        Shard part = part();
        ChainFilters filters = new ChainFilters(maxResolution, ChainFilters.openFold().maxSingleResidueFraction(),
                ChainFilters.openFold().minResolvedResidues(), Optional.ofNullable(cutoff));
        try (Run run = runs.start(spec, common)) {
            run.device("CPU");
            DatasetBuilder.Result built = new DatasetBuilder(filters, PipelineConfig.openFoldTraining(), threads)
                    .build(inputs, run.directory(), part);
            for (Path input : built.inputs()) {
                run.input(input);
            }
            DatasetManifest manifest = built.manifest();
            run.result("chains_kept", manifest.chains().size());
            run.result("chains_dropped", manifest.dropped().size());
            run.result("manifest", run.output("manifest.json").toString());
            if (shard != null) {
                new DatasetShard(part, built.structures()).write(run.directory());
                run.result("shard", part.toString());
            }
            run.succeeded();
            DatasetCommand.describe(spec.commandLine().getOut(), manifest);
            spec.commandLine().getOut().println("manifest: " + run.output("manifest.json"));
            if (shard != null) {
                spec.commandLine().getOut().println("shard " + part + ": structure files " + part.first(built.structures()) + " to "
                        + part.end(built.structures()) + " (exclusive) of " + built.structures() + "; join the shards with 'openfold dataset merge'");
            }
        }
        return ExitCode.OK;
    }

    /** {@code openfold dataset merge} of the shards' runs. */
    @Override
    public List<String> mergeCommand(List<Path> shardRuns) {
        return Shardable.mergeLine(List.of("openfold", "dataset", "merge"), shardRuns);
    }

    private Shard part() {
        try {
            return Shard.option(shard);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--shard " + shard + ": " + e.getMessage());
        }
    }

    /** Debian's theseus-examples folders, when no ROOT is given; a usage error when they are not installed. */
    private List<Path> theseus() {
        for (Path folder : THESEUS) {
            if (!Files.isDirectory(folder)) {
                throw new ParameterException(spec.commandLine(), "no ROOT given and Debian's theseus-examples are not installed ("
                        + folder + ": no such folder); install them (apt-get install theseus-examples) or give ROOT folders");
            }
        }
        return THESEUS;
    }
}
