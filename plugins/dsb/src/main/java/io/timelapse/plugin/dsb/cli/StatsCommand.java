package io.timelapse.plugin.dsb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.dsb.sets.ClassGaussian;
import io.timelapse.plugin.dsb.sets.ClassModels;
import io.timelapse.plugin.dsb.stats.QuantileTable;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse dsb stats}: the float64 class statistics every probe set and edit is built from. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Fit the class statistics of the training images in float64 and write them as .npy files numpy"
                + " reads: mean_c<k>.npy, the covariance cov_c<k>.npy (with the paper's optimal linear shrinkage unless"
                + " --no-shrinkage) and the 256 per-pixel quantiles qlut_c<k>.npy of every class asked for, and"
                + " stats.json with each class's number of images n and shrinkage alpha and beta.",
                "Images are flattened in CHW order, pooled with --size and replicated with --rgb first."})
final class StatsCommand implements PluginCommand {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ImageDataOptions data;

    @Option(names = "--classes", split = ",", paramLabel = "K",
            description = "The classes to fit, separated by commas, such as 0,1 (default: every class of the data).")
    List<Integer> classes;

    @Option(names = "--no-shrinkage", description = "Write the maximum-likelihood covariance S_n itself, without the"
            + " paper's shrinkage; a singular covariance is then refused, since no Gaussian sampler or transport map"
            + " can use it.")
    boolean noShrinkage;

    @Inject
    StatsCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        ClassModels models = data.classModels(!noShrinkage);
        int[] wanted = classes == null
                ? IntStream.range(0, models.classes()).filter(k -> models.trainCount(k) > 0).toArray()
                : classes.stream().mapToInt(Integer::intValue).toArray();
        for (int k : wanted) {
            if (k < 0) {
                throw new ParameterException(spec.commandLine(), "--classes " + k + ": class labels are 0 or more");
            }
            data.requireClass("--classes " + k, k, false);
        }
        try (Run run = runs.start(spec, common)) {
            for (Path file : data.files()) {
                run.input(file);
            }
            run.device("CPU (EJML, float64)");
            try (Progress progress = run.progress("class statistics", wanted.length)) {
                IntStream.of(wanted).parallel().forEach(k -> {
                    models.gaussian(k);
                    models.quantiles(k);
                    synchronized (progress) {
                        progress.step();
                    }
                });
            }
            ObjectNode json = JSON.createObjectNode();
            json.put("shrinkage", !noShrinkage);
            json.put("channels", models.channels()).put("height", models.height()).put("width", models.width());
            ObjectNode perClass = json.putObject("classes");
            for (int k : wanted) {
                ClassGaussian gaussian = models.gaussian(k);
                if (!gaussian.positiveDefinite()) {
                    throw new IllegalStateException("--data " + data.data + ": class " + k + ": the covariance without"
                            + " shrinkage is singular (" + gaussian.n() + " training images of " + gaussian.dimension()
                            + " values" + (models.copies() > 1 ? ", in three identical channels" : "")
                            + "), so no Gaussian sampler or transport map can use it; drop --no-shrinkage");
                }
                DMatrixRMaj cov = gaussian.covariance();
                NpyOutputs.vector(run, "mean_c" + k + ".npy", gaussian.fullMean());
                NpyOutputs.matrix(run, "cov_c" + k + ".npy", cov);
                QuantileTable table = models.quantiles(k);
                NpyOutputs.rows(run, "qlut_c" + k + ".npy", table.table());
                perClass.putObject(Integer.toString(k)).put("n", gaussian.n()).put("alpha", gaussian.alpha())
                        .put("beta", gaussian.beta());
            }
            run.write("stats.json", out -> out.write(JSON.writeValueAsBytes(json)));
            run.result("classes", wanted.length);
            run.result("dimension", models.dimension());
            run.succeeded();
            spec.commandLine().getOut().println("statistics of " + wanted.length + " classes ("
                    + models.channels() + "x" + models.height() + "x" + models.width() + ", "
                    + (noShrinkage ? "no shrinkage" : "shrunk") + ") → " + run.directory());
        }
        return ExitCode.OK;
    }
}
