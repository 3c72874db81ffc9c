package io.timelapse.plugin.memorization.analysis;

import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.ScoringMode;
import io.timelapse.plugin.memorization.table.TableHeader;
import java.util.ArrayList;
import java.util.List;

/**
 * Cheap runs as predictors of what a target run memorizes: each predictor's "memorized" label
 * (matches ≥ threshold) against the target's on the rows both scored.
 */
public final class PredictionAnalysis {

    /** One predictor against the target. */
    public record PredictorResult(LabeledTable predictor, long commonRows, Confusion confusion, double pearson, double computeFraction) {}

    /** Memorization of one table: over its own rows, and over the rows every table shares. */
    public record Memorized(LabeledTable table, long rows, long memorized, long commonRows, long commonMemorized) {
        public double fraction() {
            return rows == 0 ? Double.NaN : (double) memorized / rows;
        }

        public double commonFraction() {
            return commonRows == 0 ? Double.NaN : (double) commonMemorized / commonRows;
        }
    }

    /** Everything {@code memorization predict} reports. */
    public record Result(LabeledTable target, List<LabeledTable> predictors, int threshold, int continuationLength,
                         List<PredictorResult> predictions, List<Memorized> memorized, List<long[]> histograms,
                         List<PoissonWindows> windows, double[][] pearsonMatrix, long commonRowsOfAll) {

        /** Target first, then the predictors. */
        public List<LabeledTable> tables() {
            List<LabeledTable> all = new ArrayList<>();
            all.add(target);
            all.addAll(predictors);
            return all;
        }
    }

    private PredictionAnalysis() {}

    /**
     * Refuses what cannot be compared: a threshold outside the continuation, tables scored with
     * other prefix/continuation lengths, exact-match labels under a lower threshold, and compute
     * derived from conflicting training settings (the prediction set-ups compare models trained on
     * the same rows in the same order, so one batch size and one sequence length).
     *
     * @throws IllegalArgumentException naming the tables and values that conflict
     */
    public static void validate(LabeledTable target, List<LabeledTable> predictors, int threshold, int windowRows) {
        List<LabeledTable> all = new ArrayList<>();
        all.add(target);
        all.addAll(predictors);
        TableHeader reference = target.table().header();
        int continuation = reference.continuationLength();
        if (threshold < 1 || threshold > continuation) {
            throw new IllegalArgumentException("--threshold " + threshold + ": must be a match count in [1, " + continuation + "]");
        }
        if (windowRows < 1) {
            throw new IllegalArgumentException("--window " + windowRows + ": a window must hold at least 1 row");
        }
        LabeledTable basis = null;
        for (LabeledTable t : all) {
            TableHeader h = t.table().header();
            if (h.prefixLength() != reference.prefixLength() || h.continuationLength() != continuation) {
                throw new IllegalArgumentException(t.label() + " was scored with prefix/continuation " + h.prefixLength() + "/"
                        + h.continuationLength() + " but the target with " + reference.prefixLength() + "/" + continuation);
            }
            if (h.mode() == ScoringMode.EXACT_MATCH && threshold != continuation) {
                throw new IllegalArgumentException(t.label() + " holds exact-match labels only, which say nothing about a threshold of "
                        + threshold + " < " + continuation + "; score it with greedy decoding");
            }
            if (t.computeBasis() != null) {
                if (basis != null && !basis.computeBasis().agrees(t.computeBasis())) {
                    throw new IllegalArgumentException("the compute of " + basis.label() + " and of " + t.label()
                            + " was derived from conflicting training settings: " + basis.computeBasis().describe() + " vs "
                            + t.computeBasis().describe() + "; rescore the wrong one, or give each table's compute with --compute LABEL=FLOPS");
                }
                basis = basis == null ? t : basis;
            }
        }
    }

    /**
     * @param threshold match count from which a row counts as memorized (the paper: all 32)
     * @param windowRows rows per window for the Poisson check (the paper: 512)
     * @throws IllegalArgumentException when {@link #validate} refuses the tables
     */
    public static Result analyze(LabeledTable target, List<LabeledTable> predictors, int threshold, int windowRows) {
        validate(target, predictors, threshold, windowRows);
        List<LabeledTable> all = new ArrayList<>();
        all.add(target);
        all.addAll(predictors);
        int continuation = target.table().header().continuationLength();
        List<PredictorResult> predictions = new ArrayList<>();
        for (LabeledTable predictor : predictors) {
            CommonRows common = CommonRows.of(List.of(predictor.table(), target.table()));
            boolean[] predicted = common.memorized(predictor.table(), 0, threshold);
            boolean[] actual = common.memorized(target.table(), 1, threshold);
            double r = Pearson.of(common.scores(predictor.table(), 0), common.scores(target.table(), 1));
            predictions.add(new PredictorResult(predictor, common.size(), Confusion.of(predicted, actual), r,
                    predictor.computeFlops() / target.computeFlops()));
        }
        List<ScoreTable> tables = all.stream().map(LabeledTable::table).toList();
        CommonRows shared = CommonRows.of(tables);
        List<Memorized> memorized = new ArrayList<>();
        List<long[]> histograms = new ArrayList<>();
        List<PoissonWindows> windows = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            ScoreTable table = tables.get(i);
            long commonMemorized = 0;
            for (boolean flag : shared.memorized(table, i, threshold)) {
                if (flag) {
                    commonMemorized++;
                }
            }
            memorized.add(new Memorized(all.get(i), table.size(), table.countAtLeast(threshold), shared.size(), commonMemorized));
            long[] histogram = new long[continuation + 1];
            boolean[] flags = new boolean[table.size()];
            for (int k = 0; k < table.size(); k++) {
                histogram[table.matches(k)]++;
                flags[k] = table.matches(k) >= threshold;
            }
            histograms.add(histogram);
            windows.add(PoissonWindows.of(flags, windowRows));
        }
        double[][] pearson = new double[all.size()][all.size()];
        for (int i = 0; i < all.size(); i++) {
            pearson[i][i] = 1;
            for (int j = i + 1; j < all.size(); j++) {
                CommonRows pair = CommonRows.of(List.of(tables.get(i), tables.get(j)));
                double r = Pearson.of(pair.scores(tables.get(i), 0), pair.scores(tables.get(j), 1));
                pearson[i][j] = r;
                pearson[j][i] = r;
            }
        }
        return new Result(target, List.copyOf(predictors), threshold, continuation, predictions, memorized, histograms, windows, pearson,
                shared.size());
    }
}
