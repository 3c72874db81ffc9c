package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.plugin.dsb.data.NpyImages;
import io.timelapse.plugin.dsb.edit.BoundedMeanShift;
import io.timelapse.plugin.dsb.edit.QuantileEdit;
import io.timelapse.plugin.dsb.sets.ClassGaussian;
import io.timelapse.plugin.dsb.sets.ClassModels;
import io.timelapse.plugin.dsb.sets.ClassTransport;
import io.timelapse.plugin.dsb.stats.QuantileTable;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse dsb edit --method gaussian|cqn|bounded-shift --source A --target B}: the paper's edits. */
@Command(name = "edit", mixinStandardHelpOptions = true,
        description = {"Edit images of class A so that their statistics become those of class B, and write them as"
                + " float64 .npy files numpy reads: got_outputs_c<A>_to_c<B>.npy, cqn_outputs_c<A>_to_c<B>.npy (with the"
                + " quantile bins, cqn_indices_c<A>_to_c<B>.npy) or bshift_outputs_c<A>_to_c<B>.npy.",
                "gaussian: the Gaussian optimal-transport (Monge) map x' = A x + b between the shrunk training"
                        + " Gaussians, also written as ot_A_c<A>_to_c<B>.npy and ot_b_c<A>_to_c<B>.npy, not clipped"
                        + " unless --clip. cqn: the coordinatewise quantile edit between the training quantiles."
                        + " bounded-shift: the whole group shifted within [0, 1] until its mean is the validation mean"
                        + " of class B.",
                "The images are those of --images, or the validation images of class A. Statistics come from the"
                        + " training images of --data, or from a run directory of 'timelapse dsb stats' (--stats)."})
final class EditCommand implements PluginCommand {

    enum Method {
        gaussian("got"), cqn("cqn"), bounded_shift("bshift");

        final String prefix;

        Method(String prefix) {
            this.prefix = prefix;
        }
    }

    /** Reads the method as the help spells it: {@code bounded-shift}, not the constant's name. */
    static final class MethodConverter implements ITypeConverter<Method> {
        @Override
        public Method convert(String value) {
            for (Method m : Method.values()) {
                if (m.name().replace('_', '-').equals(value)) {
                    return m;
                }
            }
            throw new TypeConversionException("expected gaussian, cqn or bounded-shift, not '" + value + "'");
        }
    }

    private final RunService runs;
    private ClassModels models;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ImageDataOptions data;

    @Option(names = "--method", required = true, paramLabel = "METHOD", converter = MethodConverter.class,
            description = "The edit: gaussian, cqn or bounded-shift.")
    Method method;

    @Option(names = "--source", required = true, paramLabel = "A", description = "The class the images come from.")
    int source;

    @Option(names = "--target", required = true, paramLabel = "B", description = "The class to edit them into.")
    int target;

    @Option(names = "--images", paramLabel = "FILE",
            description = "A .npy of images to edit: uint8 [n, h, w] or [n, h, w, c] (pooled with --size and replicated"
                    + " with --rgb), or float32/float64 [n, ...] in [0, 1], already flattened as the statistics are"
                    + " (default: the validation images of class A).")
    Path images;

    @Option(names = "--stats", paramLabel = "DIR",
            description = "A run directory of 'timelapse dsb stats' holding mean_c<k>.npy and cov_c<k>.npy (gaussian) or"
                    + " qlut_c<k>.npy (cqn) for both classes, used instead of fitting the training images.")
    Path stats;

    @Option(names = "--clip", description = "Clip the Gaussian edit to [0, 1], a deviation from the paper, which does"
            + " not clip it.")
    boolean clip;

    @Inject
    EditCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        for (String option : new String[] {"--source", "--target"}) {
            int k = option.equals("--source") ? source : target;
            if (k < 0) {
                throw new ParameterException(spec.commandLine(), option + " " + k + ": class labels are 0 or more");
            }
        }
        if (stats != null && method == Method.bounded_shift) {
            throw new ParameterException(spec.commandLine(), "--stats " + stats + ": the bounded shift uses the"
                    + " validation mean of class B from --data, not training statistics");
        }
        List<Path> inputs = new ArrayList<>();
        Edit edit = prepare(inputs);
        double[][] group = group(inputs);
        if (group.length > 0 && group[0].length != edit.dimension()) {
            throw new ParameterException(spec.commandLine(), "--images " + images + ": images of " + group[0].length
                    + " values, but the statistics are of " + edit.dimension());
        }
        inputs.addAll(data.files());
        String pair = "c" + source + "_to_c" + target;
        try (Run run = runs.start(spec, common)) {
            for (Path file : inputs) {
                run.input(file);
            }
            run.device("CPU (EJML, float64)");
            double[][] edited;
            try (Progress progress = run.progress(method.prefix + " " + source + " → " + target, group.length)) {
                edited = edit.apply(run, group, pair);
                progress.advance(group.length);
            }
            NpyOutputs.rows(run, method.prefix + "_outputs_" + pair + ".npy", edited);
            run.result("method", method.name().replace('_', '-'));
            run.result("images", group.length);
            run.succeeded();
            spec.commandLine().getOut().println(group.length + " images of class " + source + " edited onto class "
                    + target + " (" + method.name().replace('_', '-') + ") → " + run.directory());
        }
        return ExitCode.OK;
    }

    /** One edit, ready to apply. */
    private interface Edit {
        int dimension();

        double[][] apply(Run run, double[][] group, String pair) throws IOException;
    }

    private Edit prepare(List<Path> inputs) {
        try {
            return switch (method) {
                case gaussian -> gaussian(inputs);
                case cqn -> quantiles(inputs);
                case bounded_shift -> shift();
            };
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--stats " + e.getMessage(), e);
        }
    }

    private Edit gaussian(List<Path> inputs) throws IOException {
        ClassGaussian from;
        ClassGaussian to;
        ClassTransport map;
        if (stats != null) {
            StatsFiles files = new StatsFiles(stats);
            from = files.gaussian(source);
            to = files.gaussian(target);
            if (from.dimension() != to.dimension()) {
                throw new IOException(stats + ": class " + source + " has " + from.dimension() + " values, class "
                        + target + " " + to.dimension());
            }
            inputs.addAll(files.files());
            map = ClassTransport.between(from, ClassTransport.Roots.of(from), to);
        } else {
            ClassModels models = trainingModels();
            map = models.transport(source, target);
            from = models.gaussian(source);
        }
        ClassTransport transport = map;
        int dimension = from.dimension();
        return new Edit() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public double[][] apply(Run run, double[][] group, String pair) throws IOException {
                NpyOutputs.matrix(run, "ot_A_" + pair + ".npy", transport.matrix());
                NpyOutputs.vector(run, "ot_b_" + pair + ".npy", transport.offset());
                double[][] edited = new double[group.length][];
                for (int i = 0; i < group.length; i++) {
                    edited[i] = transport.apply(group[i]);
                    if (clip) {
                        for (int p = 0; p < edited[i].length; p++) {
                            edited[i][p] = Math.min(Math.max(edited[i][p], 0), 1);
                        }
                    }
                }
                run.result("clipped", clip);
                return edited;
            }
        };
    }

    private Edit quantiles(List<Path> inputs) throws IOException {
        QuantileEdit edit;
        if (stats != null) {
            StatsFiles files = new StatsFiles(stats);
            edit = new QuantileEdit(files.quantiles(source), files.quantiles(target));
            inputs.addAll(files.files());
        } else {
            ClassModels models = trainingModels();
            edit = new QuantileEdit(models.quantiles(source), models.quantiles(target));
        }
        QuantileTable table = edit.source();
        return new Edit() {
            @Override
            public int dimension() {
                return table.dimension();
            }

            @Override
            public double[][] apply(Run run, double[][] group, String pair) throws IOException {
                double[][] edited = new double[group.length][];
                long[] bins = new long[group.length * table.dimension()];
                for (int i = 0; i < group.length; i++) {
                    edited[i] = edit.apply(group[i]);
                    int[] chosen = edit.bins(group[i]);
                    for (int p = 0; p < chosen.length; p++) {
                        bins[i * chosen.length + p] = chosen[p];
                    }
                }
                NpyOutputs.longs(run, "cqn_indices_" + pair + ".npy", bins, group.length, table.dimension());
                return edited;
            }
        };
    }

    private Edit shift() {
        data.requireClass("--target " + target, target, true);
        double[] mean = models().validationMean(target);
        return new Edit() {
            @Override
            public int dimension() {
                return mean.length;
            }

            @Override
            public double[][] apply(Run run, double[][] group, String pair) {
                BoundedMeanShift.Result result = BoundedMeanShift.shift(group, mean);
                run.result("iterations", result.iterations());
                run.result("converged", result.converged());
                return result.samples();
            }
        };
    }

    private ClassModels trainingModels() {
        data.requireClass("--source " + source, source, false);
        data.requireClass("--target " + target, target, false);
        return models();
    }

    private ClassModels models() {
        if (models == null) {
            models = data.classModels(true);
        }
        return models;
    }

    /** The images to edit: those of --images, or the validation images of the source class. */
    private double[][] group(List<Path> inputs) {
        if (images == null) {
            data.requireClass("--source " + source, source, true);
            return models().validationRows(source);
        }
        inputs.add(images);
        if (!Files.isRegularFile(images)) {
            throw new ParameterException(spec.commandLine(), "--images " + images + ": no such file");
        }
        try {
            if (Npy.readHeader(images).dtype() == DType.UINT8) {
                return data.rows(NpyImages.readImages(images));
            }
            return NpyImages.readRows(images);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--images " + e.getMessage(), e);
        }
    }
}
