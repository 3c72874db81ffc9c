package io.timelapse.plugin.memorization.analysis;

import io.timelapse.plugin.memorization.table.ScoreTable;

/**
 * A score table under the name reports give it, with the training compute of the model that
 * produced it ({@code NaN} when unknown).
 */
public record LabeledTable(String label, ScoreTable table, double computeFlops) {

    /** Labelled by model name and step, with the compute its header records. */
    public static LabeledTable of(ScoreTable table) {
        var model = table.header().model();
        String label = model.step() == null ? model.name() : model.name() + "@" + model.step();
        return new LabeledTable(label, table, model.trainingFlops());
    }
}
