package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.openfold.dataset.DatasetManifest;
import io.timelapse.plugin.openfold.dataset.DatasetSplits;
import io.timelapse.plugin.openfold.dataset.SecondaryStructure;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse openfold dataset build|merge|info|split}: a training set of (structure, MSA) pairs
 * from folders of structures with family alignments, its summary, and reduced subsets.
 */
@Command(name = "dataset", mixinStandardHelpOptions = true,
        description = "Build, merge the shards of, describe and split an offline OpenFold training set.")
final class DatasetCommand implements PluginCommand {

    private final RunService runs;

    CommandSpec spec;

    @Inject
    DatasetCommand(RunService runs) {
        this.runs = runs;
    }

    /**
     * {@code build} and {@code merge} are command classes, which {@code timelapse cluster} needs of a shardable command;
     * they join the method subcommands here, where the runs they need are at hand.
     */
    @Spec
    void spec(CommandSpec commandSpec) {
        this.spec = commandSpec;
        commandSpec.addSubcommand("build", new CommandLine(new DatasetBuildCommand(runs)));
        commandSpec.addSubcommand("merge", new CommandLine(new DatasetMergeCommand(runs)));
    }

    @Override
    public Integer call() {
        // The shell refuses a group without a subcommand before it would get here.
        throw new ParameterException(spec.commandLine(), "Missing required subcommand: one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    private CommandSpec sub(String name) {
        return spec.commandLine().getSubcommands().get(name).getCommandSpec();
    }

    @Command(name = "info", mixinStandardHelpOptions = true, description = "Summarise a data set manifest.")
    int info(@Parameters(paramLabel = "MANIFEST", description = "The manifest.json of a built data set, or its folder.") Path manifest)
            throws IOException {
        describe(spec.commandLine().getOut(), DatasetManifest.read(manifestFile(sub("info"), manifest)));
        return ExitCode.OK;
    }

    @Command(name = "split", mixinStandardHelpOptions = true,
            description = "Write a reduced manifest next to the source one: an elided label, one family or all but one, without "
                    + "the chains of another split, then a seeded subsample, in that order.")
    int split(@Mixin CommonOptions common,
            @Parameters(paramLabel = "MANIFEST", description = "The manifest.json of a built data set, or its folder.") Path manifestPath,
            @Option(names = "--name", required = true, paramLabel = "NAME",
                    description = "Name of the subset (letters, digits, '.', '_' and '-'): writes manifest.NAME.json.") String name,
            @Option(names = "--count", paramLabel = "N", description = "Keep this many chains, drawn with --seed.") Integer count,
            @Option(names = "--elide", paramLabel = "LABEL", description = "Drop chains labelled mostly-alpha, mostly-beta or mixed.")
            String elide,
            @Option(names = "--family", paramLabel = "FAMILY", description = "Keep only this family.") String family,
            @Option(names = "--without-family", paramLabel = "FAMILY", description = "Drop this family.") String withoutFamily,
            @Option(names = "--exclude", paramLabel = "NAME",
                    description = "Drop the chains of manifest.NAME.json next to MANIFEST (a held-out split), so that no chain is in "
                            + "both.") String exclude)
            throws IOException {
        CommandSpec split = sub("split");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new ParameterException(split.commandLine(), "--name " + name + ": use only letters, digits, '.', '_' and '-'");
        }
        if (count != null && count < 0) {
            throw new ParameterException(split.commandLine(), "--count " + count + ": must be 0 or more");
        }
        SecondaryStructure.Label label = null;
        if (elide != null) {
            try {
                label = SecondaryStructure.Label.parse(elide);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(split.commandLine(), "--elide " + elide + ": " + e.getMessage());
            }
        }
        Path file = manifestFile(split, manifestPath);
        DatasetManifest manifest = DatasetManifest.read(file);
        requireFamily(split, manifest, "--family", family);
        requireFamily(split, manifest, "--without-family", withoutFamily);
        if (label != null) {
            manifest = DatasetSplits.elideLabel(manifest, label);
        }
        if (family != null) {
            manifest = DatasetSplits.family(manifest, family, true);
        }
        if (withoutFamily != null) {
            manifest = DatasetSplits.family(manifest, withoutFamily, false);
        }
        if (exclude != null) {
            Path other = file.resolveSibling("manifest." + exclude + ".json");
            if (!Files.isRegularFile(other)) {
                throw new ParameterException(split.commandLine(), "--exclude " + exclude + ": no manifest " + other);
            }
            manifest = DatasetSplits.exclude(manifest, DatasetManifest.read(other), exclude);
        }
        if (count != null) {
            manifest = DatasetSplits.subsample(manifest, Math.min(count, manifest.chains().size()), common.seed());
        }
        Path target = file.resolveSibling("manifest." + name + ".json");
        try (Run run = runs.start(split, common)) {
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

    private static void requireFamily(CommandSpec spec, DatasetManifest manifest, String option, String family) {
        if (family == null) {
            return;
        }
        Set<String> families = new TreeSet<>();
        manifest.chains().forEach(e -> families.add(e.family()));
        if (!families.contains(family)) {
            throw new ParameterException(spec.commandLine(), option + " " + family + ": no such family in the manifest; it has "
                    + String.join(", ", families));
        }
    }

    private static Path manifestFile(CommandSpec spec, Path path) {
        return InputPaths.file(spec, "MANIFEST", Files.isDirectory(path) ? path.resolve("manifest.json") : path);
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
