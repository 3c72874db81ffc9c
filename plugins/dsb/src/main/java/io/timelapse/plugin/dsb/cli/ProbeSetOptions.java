package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.lib.files.Sha256;
import io.timelapse.plugin.dsb.data.LabeledImages;
import io.timelapse.plugin.dsb.sets.ClassModels;
import io.timelapse.plugin.dsb.sets.OptimisedSamplers;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import io.timelapse.plugin.dsb.sets.ProbeSets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which probe sets {@code dsb train}, {@code probe} and {@code demo} score every checkpoint on. */
final class ProbeSetOptions {

    static final String DEFAULT_SETS = "real,independent,maxent,gaussian,got,cqn,shifted";

    @Option(names = "--sets", split = ",", defaultValue = DEFAULT_SETS, paramLabel = "NAME",
            description = "The probe sets, comma-separated, scored in this order: real (the validation images), independent,"
                    + " maxent, gaussian, got, cqn and shifted, made from the class statistics of the training and validation"
                    + " images as in the paper (default: ${DEFAULT-VALUE}); also truncated_normal and third_order, whose"
                    + " samples are optimised on the compute service (seconds to a minute per class). Sets are drawn with"
                    + " --seed.")
    List<String> sets;

    @Option(names = "--clip", description = "Clip every probe image to [0, 1]; the paper clips none (default: off).")
    boolean clip;

    /** Refuses unknown or repeated names before a run starts. */
    void check(CommandSpec spec) {
        List<String> seen = new ArrayList<>();
        for (String name : sets) {
            if (!ProbeSets.NAMES.contains(name)) {
                throw new ParameterException(spec.commandLine(), "--sets " + String.join(",", sets) + ": unknown set '" + name
                    + "'; known: " + String.join(", ", ProbeSets.NAMES));
            }
            if (seen.contains(name)) {
                throw new ParameterException(spec.commandLine(), "--sets " + String.join(",", sets) + ": '" + name + "' twice");
            }
            seen.add(name);
        }
    }

    /**
     * What the sets asked for are built from with {@code data} and {@code seed}: the options and the SHA-256 of the data
     * files, which are read for it; without them when {@code --data} is no longer there.
     */
    SavedProbeSets.Source source(ImageDataOptions data, long seed) throws IOException {
        List<String> files = new ArrayList<>();
        if (Files.exists(data.data)) {
            data.train();
            data.validation();
            for (Path file : data.files()) {
                files.add(Sha256.of(file).hex());
            }
        }
        return new SavedProbeSets.Source(absolute(data.data), data.labels == null ? null : absolute(data.labels), data.size,
            data.rgb, seed, clip, files);
    }

    private static String absolute(Path path) {
        return path.toAbsolutePath().normalize().toString();
    }

    /**
     * The sets asked for: those {@code saved} holds, read from {@code savedIn}, and the others built from {@code data};
     * with {@code saveTo}, all of them are saved there for a later run. Says on {@code out} what was reused and why
     * anything was rebuilt.
     */
    List<ProbeSet> complete(Run run, ComputeService compute, ImageDataOptions data, SavedProbeSets.Source source,
            SavedProbeSets.Loaded saved, Path savedIn, Path saveTo, PrintWriter out) throws IOException {
        for (String problem : saved.problems()) {
            out.println("probe sets: " + problem);
        }
        if (!saved.sets().isEmpty()) {
            out.println("probe sets: " + String.join(",", saved.sets().keySet()) + " as saved in " + savedIn);
            for (String name : saved.sets().keySet()) {
                run.input(savedIn.resolve(name + ".npy"));
                run.input(savedIn.resolve(name + "_labels.npy"));
            }
        }
        List<String> missing = sets.stream().filter(name -> !saved.sets().containsKey(name)).toList();
        Map<String, ProbeSet> built = new LinkedHashMap<>();
        if (!missing.isEmpty()) {
            if (!saved.problems().isEmpty()) {
                out.println("probe sets: building " + String.join(",", missing) + " from --data " + data.data);
            }
            for (ProbeSet set : build(run, compute, data.train(), data.validation(), data.poolFactor(data.train().images()),
                    data.rgb(), source.seed(), missing)) {
                built.put(set.name(), set);
            }
        }
        List<ProbeSet> all = sets.stream().map(name -> saved.sets().containsKey(name) ? saved.sets().get(name) : built.get(name))
            .toList();
        if (saveTo != null && !(built.isEmpty() && saveTo.equals(savedIn))) {
            SavedProbeSets.save(saveTo, source, all);
        }
        run.result("probe_sets", all.stream().map(set -> set.name() + ":" + set.count()).toList());
        return all;
    }

    /** The sets, from the statistics of {@code train} and {@code validation} pooled by {@code factor} (and replicated to RGB). */
    List<ProbeSet> build(Run run, ComputeService compute, LabeledImages train, LabeledImages validation, int factor, boolean rgb, long seed) {
        List<ProbeSet> built = build(run, compute, train, validation, factor, rgb, seed, sets);
        run.result("probe_sets", built.stream().map(set -> set.name() + ":" + set.count()).toList());
        return built;
    }

    private List<ProbeSet> build(Run run, ComputeService compute, LabeledImages train, LabeledImages validation, int factor,
            boolean rgb, long seed, List<String> names) {
        ClassModels models = ClassModels.of(train, validation, factor, rgb, true, compute);
        models.fitAll();
        ProbeSets probeSets = OptimisedSamplers.addTo(ProbeSets.of(models), compute);
        ProbeSets.Options options = ProbeSets.Options.defaults().withSeed(seed).withClip(clip);
        long total = names.stream().mapToLong(name -> probeSets.size(name, options)).sum();
        List<ProbeSet> built = new ArrayList<>();
        try (Progress progress = run.progress("probe sets", total)) {
            for (ProbeSets.Images images : probeSets.build(names, options, progress)) {
                built.add(images.toProbeSet(models.channels(), models.height(), models.width()));
            }
        }
        return built;
    }
}
