package io.timelapse.plugin.memorization.analysis;

import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.TrainingSettings;

/**
 * A score table under the name reports give it, with the training compute of the model that
 * produced it ({@code NaN} when unknown) and the training settings that compute was derived from
 * ({@code null} when it was given directly or is unknown).
 */
public record LabeledTable(String label, ScoreTable table, double computeFlops, TrainingSettings computeBasis) {

    /** Labelled by model name and step, with the compute its header records. */
    public static LabeledTable of(ScoreTable table) {
        var model = table.header().model();
        return of(model.step() == null ? model.name() : model.name() + "@" + model.step(), table);
    }

    /** Labelled {@code label}, with the compute its header records. */
    public static LabeledTable of(String label, ScoreTable table) {
        var model = table.header().model();
        double flops = model.trainingFlops();
        return new LabeledTable(label, table, flops, Double.isNaN(flops) ? null : model.training());
    }

    /** The same table with its compute given directly rather than derived from its header. */
    public LabeledTable withCompute(double flops) {
        return new LabeledTable(label, table, flops, null);
    }
}
