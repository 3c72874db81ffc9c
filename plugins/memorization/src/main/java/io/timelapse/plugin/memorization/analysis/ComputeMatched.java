package io.timelapse.plugin.memorization.analysis;

import io.timelapse.lib.csv.Csv;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.plot.LinePlot;
import io.timelapse.lib.plot.Scale;
import io.timelapse.plugin.memorization.analysis.PredictionAnalysis.PredictorResult;
import io.timelapse.plugin.memorization.analysis.PredictionAnalysis.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's equi-compute comparison: the cheap strategies (smaller models, intermediate checkpoints) predicting the same
 * target, each predictor placed at its share of the target's training compute (6 · parameters · tokens, from each model's
 * own training record), precision and recall side by side.
 */
public final class ComputeMatched {

    public static final String CSV = "compute_matched.csv";
    public static final String RECALL_FIGURE = "recall_vs_compute";
    public static final String PRECISION_FIGURE = "precision_vs_compute";

    private ComputeMatched() {}

    /** Writes the CSV and both figures into {@code directory}; returns a Markdown table. */
    public static String write(Path directory, Map<String, Result> strategies) throws IOException {
        Files.createDirectories(directory);
        StringBuilder csv = new StringBuilder("strategy,predictor,target,compute_fraction_of_target,precision,recall,fpr,fnr\n");
        StringBuilder md = new StringBuilder("| strategy | predictor | % of target compute | precision | recall | FPR | FNR |\n|---|---|---|---|---|---|---|\n");
        LinePlot recall = LinePlot.of("Recall at equal compute").xAxis("% of the target's training compute", Scale.LOG).yAxis("recall", Scale.LINEAR);
        LinePlot precision = LinePlot.of("Precision at equal compute").xAxis("% of the target's training compute", Scale.LOG)
                .yAxis("precision", Scale.LINEAR);
        for (Map.Entry<String, Result> strategy : strategies.entrySet()) {
            Result result = strategy.getValue();
            int n = result.predictions().size();
            double[] percent = new double[n];
            double[] precisions = new double[n];
            double[] recalls = new double[n];
            for (int i = 0; i < n; i++) {
                PredictorResult p = result.predictions().get(i);
                Confusion c = p.confusion();
                percent[i] = 100 * p.computeFraction();
                precisions[i] = c.precision();
                recalls[i] = c.recall();
                csv.append(Csv.quote(strategy.getKey())).append(',').append(Csv.quote(p.predictor().label())).append(',')
                        .append(Csv.quote(result.target().label())).append(',').append(p.computeFraction()).append(',').append(c.precision())
                        .append(',').append(c.recall()).append(',').append(c.falsePositiveRate()).append(',').append(c.falseNegativeRate()).append('\n');
                md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %s | %.4f | %s |%n", strategy.getKey(), p.predictor().label(),
                        percent[i], rate(c.precision()), rate(c.recall()), c.falsePositiveRate(), rate(c.falseNegativeRate())));
            }
            recall.series(strategy.getKey(), percent, recalls);
            precision.series(strategy.getKey(), percent, precisions);
        }
        AtomicFiles.writeString(directory.resolve(CSV), csv.toString());
        recall.write(directory, RECALL_FIGURE);
        precision.write(directory, PRECISION_FIGURE);
        return md.toString();
    }

    private static String rate(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.3f", value);
    }
}
