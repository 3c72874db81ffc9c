package io.timelapse.plugin.memorization.analysis;

import io.timelapse.lib.csv.Csv;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.plot.BarPlot;
import io.timelapse.lib.plot.LinePlot;
import io.timelapse.lib.plot.Scale;
import io.timelapse.lib.plot.ScatterPlot;
import io.timelapse.plugin.memorization.analysis.PredictionAnalysis.Memorized;
import io.timelapse.plugin.memorization.analysis.PredictionAnalysis.PredictorResult;
import io.timelapse.plugin.memorization.analysis.PredictionAnalysis.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a {@link PredictionAnalysis.Result} as CSV files, figures (PNG and SVG) and a Markdown summary. */
public final class PredictionReport {

    public static final String PREDICTIONS_CSV = "predictions.csv";
    public static final String MEMORIZED_CSV = "memorized.csv";
    public static final String HISTOGRAMS_CSV = "histograms.csv";
    public static final String POISSON_CSV = "poisson.csv";
    public static final String POISSON_COUNTS_CSV = "poisson_counts.csv";
    public static final String PEARSON_CSV = "pearson.csv";
    public static final String SUMMARY_MD = "summary.md";
    /** Figures, each written as {@code <name>.png} and {@code <name>.svg}. */
    public static final String PRECISION_RECALL_FIGURE = "precision_recall_vs_compute";
    public static final String MEMORIZED_FIGURE = "memorized_fraction";
    public static final String HISTOGRAMS_FIGURE = "score_histograms";
    public static final String POISSON_FIGURE = "poisson_qq";

    private PredictionReport() {}

    /** Writes every file into {@code directory}; returns the Markdown summary. */
    public static String write(Path directory, Result result) throws IOException {
        Files.createDirectories(directory);
        AtomicFiles.writeString(directory.resolve(PREDICTIONS_CSV), predictionsCsv(result));
        AtomicFiles.writeString(directory.resolve(MEMORIZED_CSV), memorizedCsv(result));
        AtomicFiles.writeString(directory.resolve(HISTOGRAMS_CSV), histogramsCsv(result));
        AtomicFiles.writeString(directory.resolve(POISSON_CSV), poissonCsv(result));
        AtomicFiles.writeString(directory.resolve(POISSON_COUNTS_CSV), poissonCountsCsv(result));
        AtomicFiles.writeString(directory.resolve(PEARSON_CSV), pearsonCsv(result));
        plots(directory, result);
        String summary = summary(result);
        AtomicFiles.writeString(directory.resolve(SUMMARY_MD), summary);
        return summary;
    }

    static String predictionsCsv(Result result) {
        StringBuilder csv = new StringBuilder("predictor,target,model_step,parameters,compute_flops,compute_fraction_of_target,"
                + "common_rows,threshold,tp,fp,fn,tn,precision,recall,fpr,fnr,pearson\n");
        for (PredictorResult p : result.predictions()) {
            Confusion c = p.confusion();
            var model = p.predictor().table().header().model();
            csv.append(Csv.quote(p.predictor().label())).append(',').append(Csv.quote(result.target().label())).append(',')
                    .append(model.step() == null ? "" : model.step()).append(',')
                    .append(model.parameters() == null ? "" : model.parameters()).append(',')
                    .append(number(p.predictor().computeFlops())).append(',').append(number(p.computeFraction())).append(',')
                    .append(p.commonRows()).append(',').append(result.threshold()).append(',')
                    .append(c.truePositives()).append(',').append(c.falsePositives()).append(',')
                    .append(c.falseNegatives()).append(',').append(c.trueNegatives()).append(',')
                    .append(number(c.precision())).append(',').append(number(c.recall())).append(',')
                    .append(number(c.falsePositiveRate())).append(',').append(number(c.falseNegativeRate())).append(',')
                    .append(number(p.pearson())).append('\n');
        }
        return csv.toString();
    }

    static String memorizedCsv(Result result) {
        StringBuilder csv = new StringBuilder("table,model,step,rows,memorized,fraction,common_rows,common_memorized,common_fraction\n");
        for (Memorized m : result.memorized()) {
            var model = m.table().table().header().model();
            csv.append(Csv.quote(m.table().label())).append(',').append(Csv.quote(model.name())).append(',')
                    .append(model.step() == null ? "" : model.step()).append(',').append(m.rows()).append(',').append(m.memorized())
                    .append(',').append(number(m.fraction())).append(',').append(m.commonRows()).append(',').append(m.commonMemorized())
                    .append(',').append(number(m.commonFraction())).append('\n');
        }
        return csv.toString();
    }

    static String histogramsCsv(Result result) {
        List<LabeledTable> tables = result.tables();
        StringBuilder csv = new StringBuilder("matches,score");
        tables.forEach(t -> csv.append(',').append(Csv.quote(t.label())));
        csv.append('\n');
        for (int m = 0; m <= result.continuationLength(); m++) {
            csv.append(m).append(',').append(number((double) m / result.continuationLength()));
            for (long[] histogram : result.histograms()) {
                csv.append(',').append(histogram[m]);
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    static String poissonCsv(Result result) {
        StringBuilder csv = new StringBuilder("table,window_rows,windows,lambda,variance,dispersion,chi_square,max_count\n");
        List<LabeledTable> tables = result.tables();
        for (int i = 0; i < tables.size(); i++) {
            PoissonWindows w = result.windows().get(i);
            csv.append(Csv.quote(tables.get(i).label())).append(',').append(w.windowRows()).append(',').append(w.windows()).append(',')
                    .append(number(w.lambda())).append(',').append(number(w.variance())).append(',').append(number(w.dispersion()))
                    .append(',').append(number(w.chiSquare())).append(',').append(w.maxCount()).append('\n');
        }
        return csv.toString();
    }

    static String poissonCountsCsv(Result result) {
        StringBuilder csv = new StringBuilder("table,memorized_in_window,observed_windows,poisson_expected_windows\n");
        List<LabeledTable> tables = result.tables();
        for (int i = 0; i < tables.size(); i++) {
            PoissonWindows w = result.windows().get(i);
            for (int k = 0; k <= w.maxCount() && w.windows() > 0; k++) {
                csv.append(Csv.quote(tables.get(i).label())).append(',').append(k).append(',').append(w.observed(k)).append(',')
                        .append(number(w.expected(k))).append('\n');
            }
        }
        return csv.toString();
    }

    static String pearsonCsv(Result result) {
        List<LabeledTable> tables = result.tables();
        StringBuilder csv = new StringBuilder("table");
        tables.forEach(t -> csv.append(',').append(Csv.quote(t.label())));
        csv.append('\n');
        for (int i = 0; i < tables.size(); i++) {
            csv.append(Csv.quote(tables.get(i).label()));
            for (int j = 0; j < tables.size(); j++) {
                csv.append(',').append(number(result.pearsonMatrix()[i][j]));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    private static void plots(Path directory, Result result) throws IOException {
        int n = result.predictions().size();
        double[] compute = new double[n];
        double[] precision = new double[n];
        double[] recall = new double[n];
        for (int i = 0; i < n; i++) {
            PredictorResult p = result.predictions().get(i);
            compute[i] = p.predictor().computeFlops();
            precision[i] = p.confusion().precision();
            recall[i] = p.confusion().recall();
        }
        LinePlot.of("Predicting " + result.target().label() + " (threshold " + result.threshold() + "/" + result.continuationLength() + ")")
                .xAxis("predictor compute (FLOPs = 6 · params · tokens)", Scale.LOG).yAxis("precision / recall", Scale.LINEAR)
                .series("precision", compute, precision).series("recall", compute, recall)
                .write(directory, PRECISION_RECALL_FIGURE);

        List<String> labels = new ArrayList<>();
        double[] fractions = new double[result.memorized().size()];
        for (int i = 0; i < fractions.length; i++) {
            Memorized m = result.memorized().get(i);
            labels.add(m.table().label());
            fractions[i] = 100 * m.commonFraction();
        }
        BarPlot.of("Memorized rows (" + result.commonRowsOfAll() + " rows all tables share)")
                .xAxis("model / checkpoint").yAxis("% memorized").series("memorized", labels, fractions)
                .write(directory, MEMORIZED_FIGURE);

        LinePlot histograms = LinePlot.of("Memorization scores").xAxis("score (matches / " + result.continuationLength() + ")", Scale.LINEAR)
                .yAxis("fraction of rows", Scale.LOG);
        List<LabeledTable> tables = result.tables();
        for (int i = 0; i < tables.size(); i++) {
            long[] histogram = result.histograms().get(i);
            double[] score = new double[histogram.length];
            double[] share = new double[histogram.length];
            long rows = tables.get(i).table().size();
            for (int m = 0; m < histogram.length; m++) {
                score[m] = (double) m / result.continuationLength();
                share[m] = rows == 0 ? Double.NaN : (double) histogram[m] / rows;
            }
            histograms.series(tables.get(i).label(), score, share);
        }
        histograms.write(directory, HISTOGRAMS_FIGURE);

        PoissonWindows target = result.windows().get(0);
        double[][] pairs = target.quantilePairs();
        double[] expected = new double[pairs.length];
        double[] observed = new double[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            expected[i] = pairs[i][0];
            observed[i] = pairs[i][1];
        }
        ScatterPlot.of("Memorized rows per " + target.windowRows() + "-row window of " + result.target().label()
                        + " vs Poisson(λ = " + String.format(Locale.ROOT, "%.3g", target.lambda()) + ")")
                .xAxis("Poisson quantile", Scale.LINEAR).yAxis("observed count", Scale.LINEAR)
                .series("windows", expected, observed).diagonal()
                .write(directory, POISSON_FIGURE);
    }

    static String summary(Result result) {
        StringBuilder md = new StringBuilder();
        md.append("# Memorization prediction: target ").append(result.target().label()).append("\n\n");
        md.append("Memorized means at least ").append(result.threshold()).append(" of ").append(result.continuationLength())
                .append(" continuation tokens match. Target scores: ").append(result.target().table().header().modeDescription()).append(".\n\n");
        md.append("| predictor | compute (FLOPs) | % of target compute | rows | TP | FP | FN | TN | precision | recall | FPR | Pearson r |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (PredictorResult p : result.predictions()) {
            Confusion c = p.confusion();
            md.append("| ").append(p.predictor().label()).append(" | ").append(format(p.predictor().computeFlops(), "%.3g")).append(" | ")
                    .append(format(100 * p.computeFraction(), "%.2f")).append(" | ").append(p.commonRows()).append(" | ")
                    .append(c.truePositives()).append(" | ").append(c.falsePositives()).append(" | ").append(c.falseNegatives())
                    .append(" | ").append(c.trueNegatives()).append(" | ").append(format(c.precision(), "%.3f")).append(" | ")
                    .append(format(c.recall(), "%.3f")).append(" | ").append(format(c.falsePositiveRate(), "%.4f")).append(" | ")
                    .append(format(p.pearson(), "%.3f")).append(" |\n");
        }
        md.append("\n| table | rows | memorized | % | % on the ").append(result.commonRowsOfAll()).append(" shared rows | Poisson dispersion |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (int i = 0; i < result.memorized().size(); i++) {
            Memorized m = result.memorized().get(i);
            md.append("| ").append(m.table().label()).append(" | ").append(m.rows()).append(" | ").append(m.memorized()).append(" | ")
                    .append(format(100 * m.fraction(), "%.3f")).append(" | ").append(format(100 * m.commonFraction(), "%.3f"))
                    .append(" | ").append(format(result.windows().get(i).dispersion(), "%.3f")).append(" |\n");
        }
        return md.toString();
    }

    private static String format(double value, String pattern) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, pattern, value) : "–";
    }

    private static String number(double value) {
        return Double.isFinite(value) ? Double.toString(value) : "";
    }
}
