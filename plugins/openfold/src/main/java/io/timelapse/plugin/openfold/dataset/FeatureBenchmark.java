package io.timelapse.plugin.openfold.dataset;

import io.timelapse.plugin.openfold.features.FeatureFiles;
import io.timelapse.plugin.openfold.features.FeaturePipeline;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.features.PipelineConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark (not a test): builds a data set from structure/alignment folders on one thread and
 * reports per-chain time for reading, re-rooting and deterministic features, then the time to
 * sample one training example per chain from the cached features.
 * Usage: {@code FeatureBenchmark OUT_DIR ROOT...}, e.g. the theseus-examples ldh and trypsins folders.
 */
public final class FeatureBenchmark {

    private FeatureBenchmark() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: FeatureBenchmark OUT_DIR ROOT...");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        List<Path> roots = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            roots.add(Path.of(args[i]));
        }
        run(out, roots, System.out);
    }

    static void run(Path out, List<Path> roots, PrintStream report) throws IOException {
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        DatasetBuilder.Result result = new DatasetBuilder(ChainFilters.openFold(), PipelineConfig.openFoldTraining(), 1)
                .build(roots, out);
        double wall = (System.nanoTime() - t0) / 1e9;
        double[] build = result.nanosPerChain().values().stream().mapToDouble(n -> n / 1e9).sorted().toArray();
        report.printf(Locale.ROOT, "chains kept %d, dropped %d, build wall %.1f s%n", result.manifest().chains().size(),
                result.manifest().dropped().size(), wall);
        report.println("build per chain (read + re-root + deterministic features + .npz write), s: " + summary(build));

        for (PipelineConfig config : List.of(PipelineConfig.tiny(), PipelineConfig.openFoldTraining())) {
            FeaturePipeline pipeline = new FeaturePipeline(config);
            double[] sample = new double[result.manifest().chains().size()];
            int i = 0;
            for (DatasetManifest.Entry e : result.manifest().chains()) {
                long s = System.nanoTime();
                FeatureSet det = FeatureFiles.read(out.resolve(e.features()));
                pipeline.sample(det, i);
                sample[i++] = (System.nanoTime() - s) / 1e9;
            }
            Arrays.sort(sample);
            report.printf(Locale.ROOT, "sample one example (load .npz + MSA transforms + crop %d, S_c %d, S_e %d), s: %s%n",
                    config.cropSize(), config.maxMsaClusters(), config.maxExtraMsa(), summary(sample));
        }
    }

    private static String summary(double[] sorted) {
        if (sorted.length == 0) {
            return "n/a";
        }
        double mean = Arrays.stream(sorted).average().orElse(0);
        return String.format(Locale.ROOT, "mean %.3f, median %.3f, min %.3f, p90 %.3f, max %.3f (n=%d)", mean,
                sorted[sorted.length / 2], sorted[0], sorted[(int) (0.9 * (sorted.length - 1))], sorted[sorted.length - 1],
                sorted.length);
    }
}
