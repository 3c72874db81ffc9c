package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.plugin.dsb.data.LabeledImages;
import io.timelapse.plugin.dsb.sets.ClassModels;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import io.timelapse.plugin.dsb.sets.ProbeSets;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which probe sets {@code dsb train}, {@code probe} and {@code demo} score every checkpoint on. */
final class ProbeSetOptions {

    static final String DEFAULT_SETS = "real,independent,maxent,gaussian,got,cqn,shifted";

    @Option(names = "--sets", split = ",", defaultValue = DEFAULT_SETS, paramLabel = "NAME",
            description = "The probe sets, comma-separated, scored in this order: real (the validation images), independent,"
                    + " maxent, gaussian, got, cqn and shifted, made from the class statistics of the training and validation"
                    + " images as in the paper (default: ${DEFAULT-VALUE}). Sets are drawn with --seed.")
    List<String> sets;

    @Option(names = "--clip", description = "Clip every probe image to [0, 1]; the paper clips none (default: off).")
    boolean clip;

    /** Refuses unknown or repeated names before a run starts. */
    void check(CommandSpec spec) {
        List<String> seen = new ArrayList<>();
        for (String name : sets) {
            if (!ProbeSets.BUILT_IN.contains(name)) {
                throw new ParameterException(spec.commandLine(), "--sets " + String.join(",", sets) + ": unknown set '" + name
                    + "'; known: " + String.join(", ", ProbeSets.BUILT_IN));
            }
            if (seen.contains(name)) {
                throw new ParameterException(spec.commandLine(), "--sets " + String.join(",", sets) + ": '" + name + "' twice");
            }
            seen.add(name);
        }
    }

    /** The sets, from the statistics of {@code train} and {@code validation} pooled by {@code factor} (and replicated to RGB). */
    List<ProbeSet> build(Run run, LabeledImages train, LabeledImages validation, int factor, boolean rgb, long seed) {
        ClassModels models = ClassModels.of(train, validation, factor, rgb, true);
        models.fitAll();
        ProbeSets probeSets = ProbeSets.of(models);
        ProbeSets.Options options = ProbeSets.Options.defaults().withSeed(seed).withClip(clip);
        long total = sets.stream().mapToLong(name -> probeSets.size(name, options)).sum();
        List<ProbeSet> built = new ArrayList<>();
        try (Progress progress = run.progress("probe sets", total)) {
            for (ProbeSets.Images images : probeSets.build(sets, options, progress)) {
                built.add(images.toProbeSet(models.channels(), models.height(), models.width()));
            }
        }
        run.result("probe_sets", sets.stream().map(name -> name + ":" + probeSets.size(name, options)).toList());
        return built;
    }
}
