package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.openfold.dataset.ChainFilters;
import io.timelapse.plugin.openfold.dataset.DatasetBuilder;
import io.timelapse.plugin.openfold.dataset.DatasetManifest;
import io.timelapse.plugin.openfold.dataset.DatasetSplits;
import io.timelapse.plugin.openfold.dataset.SecondaryStructure;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse openfold dataset build|info|split}: a training set of (structure, MSA) pairs
 * from folders of structures with family alignments, its summary, and reduced subsets.
 */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Build, describe and split an offline OpenFold training set.")
final class DatasetCommand implements PluginCommand {

    /** Where Debian's theseus-examples package puts its two structure families. */
    static final List<Path> THESEUS = List.of(Path.of("/usr/share/doc/theseus/examples/ldh"),
            Path.of("/usr/share/doc/theseus/examples/trypsins"));

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Inject
    DatasetCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    private CommandSpec sub(String name) {
        return spec.commandLine().getSubcommands().get(name).getCommandSpec();
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Build (structure, MSA) pairs, features and a manifest into the run directory. "
                    + "Without ROOTs, uses Debian's theseus-examples (apt-get install theseus-examples).")
    int build(@Mixin CommonOptions common,
            @Parameters(paramLabel = "ROOT", arity = "0..*", description = "Folders holding structure files and family alignments.")
            List<Path> roots,
            @Option(names = "--threads", defaultValue = "2", description = "Worker threads (default: ${DEFAULT-VALUE}).") int threads,
            @Option(names = "--max-resolution", defaultValue = "9.0", description = "Å (default: ${DEFAULT-VALUE}).") double maxResolution,
            @Option(names = "--release-cutoff", paramLabel = "YYYY-MM-DD", description = "Drop chains released after this date.")
            LocalDate cutoff) throws IOException {
        List<Path> inputs = roots == null || roots.isEmpty() ? THESEUS : roots;
        for (Path root : inputs) {
            if (!Files.isDirectory(root)) {
                throw new IOException(root + ": no such folder" + (inputs == THESEUS
                        ? " (install Debian's theseus-examples: apt-get install theseus-examples, or give ROOT folders)" : ""));
            }
        }
        ChainFilters filters = new ChainFilters(maxResolution, ChainFilters.openFold().maxSingleResidueFraction(),
                ChainFilters.openFold().minResolvedResidues(), Optional.ofNullable(cutoff));
        try (Run run = runs.start(sub("build"), common)) {
            run.device("CPU");
            DatasetManifest manifest = new DatasetBuilder(filters, PipelineConfig.openFoldTraining(), threads)
                    .build(inputs, run.directory()).manifest();
            run.result("chains_kept", manifest.chains().size());
            run.result("chains_dropped", manifest.dropped().size());
            run.result("manifest", run.output("manifest.json").toString());
            run.succeeded();
            describe(spec.commandLine().getOut(), manifest);
            spec.commandLine().getOut().println("manifest: " + run.output("manifest.json"));
        }
        return ExitCode.OK;
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Summarise a data set manifest.")
    int info(@Parameters(paramLabel = "MANIFEST", description = "manifest.json of a built data set, or its folder.") Path manifest)
            throws IOException {
        describe(spec.commandLine().getOut(), DatasetManifest.read(manifestFile(manifest)));
        return ExitCode.OK;
    }

    @Command(name = "split", mixinStandardHelpOptions = true,
            description = "Write a reduced manifest next to the source one: a seeded subsample, an elided label or one family.")
    int split(@Mixin CommonOptions common,
            @Parameters(paramLabel = "MANIFEST", description = "manifest.json of a built data set, or its folder.") Path manifestPath,
            @Option(names = "--name", required = true, description = "Name of the subset: writes manifest.NAME.json.") String name,
            @Option(names = "--count", description = "Keep this many chains, drawn with --seed.") Integer count,
            @Option(names = "--elide", paramLabel = "LABEL", description = "Drop chains labelled mostly-alpha, mostly-beta or mixed.")
            String elide,
            @Option(names = "--family", description = "Keep only this family.") String family,
            @Option(names = "--without-family", description = "Drop this family.") String withoutFamily) throws IOException {
        Path file = manifestFile(manifestPath);
        DatasetManifest manifest = DatasetManifest.read(file);
        if (elide != null) {
            manifest = DatasetSplits.elideLabel(manifest, SecondaryStructure.Label.parse(elide));
        }
        if (family != null) {
            manifest = DatasetSplits.family(manifest, family, true);
        }
        if (withoutFamily != null) {
            manifest = DatasetSplits.family(manifest, withoutFamily, false);
        }
        if (count != null) {
            manifest = DatasetSplits.subsample(manifest, Math.min(count, manifest.chains().size()), common.seed());
        }
        Path target = file.resolveSibling("manifest." + name + ".json");
        try (Run run = runs.startInDefaultDirectory(sub("split"), common)) {
            run.input(file);
            manifest.write(target);
            run.result("manifest", target.toString());
            run.result("chains", manifest.chains().size());
            run.succeeded();
        }
        describe(spec.commandLine().getOut(), manifest);
        spec.commandLine().getOut().println("manifest: " + target);
        return ExitCode.OK;
    }

    private static Path manifestFile(Path path) {
        return Files.isDirectory(path) ? path.resolve("manifest.json") : path;
    }

    static void describe(PrintWriter out, DatasetManifest manifest) {
        out.println(manifest.description());
        out.printf(Locale.ROOT, "chains kept: %d, dropped: %d%n", manifest.chains().size(), manifest.dropped().size());
        Map<String, List<DatasetManifest.Entry>> byFamily = manifest.chains().stream()
                .collect(Collectors.groupingBy(DatasetManifest.Entry::family, TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<DatasetManifest.Entry>> e : byFamily.entrySet()) {
            List<DatasetManifest.Entry> chains = e.getValue();
            Map<String, Long> labels = chains.stream()
                    .collect(Collectors.groupingBy(DatasetManifest.Entry::ssLabel, TreeMap::new, Collectors.counting()));
            out.printf(Locale.ROOT, "  %s: %d chains; length %s; MSA depth %s; labels %s%n", e.getKey(), chains.size(),
                    Summaries.range(chains.stream().mapToInt(DatasetManifest.Entry::length).toArray()),
                    Summaries.range(chains.stream().mapToInt(DatasetManifest.Entry::msaDepth).toArray()), labels);
        }
        Map<String, List<String>> reasons = new TreeMap<>();
        for (DatasetManifest.Dropped d : manifest.dropped()) {
            String kind = d.reason().replaceAll("[:(].*", "").replaceAll("[0-9.]+", "N").trim();
            reasons.computeIfAbsent(kind, k -> new ArrayList<>()).add(d.id());
        }
        for (Map.Entry<String, List<String>> e : reasons.entrySet()) {
            out.printf(Locale.ROOT, "  dropped (%s): %d, e.g. %s%n", e.getKey(), e.getValue().size(),
                    e.getValue().subList(0, Math.min(5, e.getValue().size())));
        }
    }
}
