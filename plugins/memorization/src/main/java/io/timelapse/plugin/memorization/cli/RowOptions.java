package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.data.TrainingData;
import io.timelapse.api.shard.Shard;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.selection.RowSelections;
import io.timelapse.plugin.memorization.table.TrainingSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The rows {@code memorization score} is asked to score, checked against the data before a run starts. */
final class RowOptions {

    /** {@code --rows}, {@code --steps} or {@code --all-rows}; without any, the rows the checkpoint has seen. */
    static final class Selection {
        @Option(names = "--rows", paramLabel = "FROM:TO", description = "Score rows [FROM, TO).")
        String rows;

        @Option(names = "--steps", paramLabel = "FROM:TO", description = "Score the rows trained at steps [FROM, TO): rows [FROM·batch, TO·batch).")
        String steps;

        @Option(names = "--all-rows", description = "Score every row of the data.")
        boolean all;
    }

    private final CommandSpec spec;
    private final Selection selection;
    private final Integer sample;
    private final long seed;

    RowOptions(CommandSpec spec, Selection selection, Integer sample, long seed) {
        this.spec = spec;
        this.selection = selection;
        this.sample = sample;
        this.seed = seed;
    }

    /** Parses {@code --shard i/n}; {@code null} is the whole selection. */
    static Shard shard(CommandSpec spec, String text) {
        try {
            return Shard.option(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--shard " + text + ": " + e.getMessage());
        }
    }

    /**
     * The selected rows of {@code rows}. A selection by step needs the training batch size and rows
     * of the length the model was trained on.
     *
     * @param training how the model was trained, or {@code null} when unknown
     */
    RowSelection select(TrainingData rows, Long checkpointStep, TrainingSettings training) {
        RowSelection base;
        String option;
        if (selection != null && selection.rows != null) {
            option = "--rows " + selection.rows;
            long[] range = range(option);
            base = withOption(option, () -> RowSelections.range(range[0], range[1]));
        } else if (selection != null && selection.steps != null) {
            option = "--steps " + selection.steps;
            long[] range = range(option);
            requireTraining(option, rows, training);
            base = withOption(option, () -> RowSelections.steps(range[0], range[1], training.batchSize()));
        } else if ((selection == null || !selection.all) && checkpointStep != null) {
            // What the paper scores: every row the checkpoint has trained on.
            option = "the default selection (the rows the checkpoint at step " + checkpointStep + " has trained on)";
            requireTraining(option, rows, training);
            base = withOption(option, () -> RowSelections.range(0, Math.min(rows.rowCount(), Math.multiplyExact(checkpointStep, training.batchSize()))));
        } else {
            option = "--all-rows";
            base = RowSelections.range(0, rows.rowCount());
        }
        if (base.size() > 0 && base.row(base.size() - 1) >= rows.rowCount()) {
            throw new ParameterException(spec.commandLine(), option + ": reaches row " + base.row(base.size() - 1) + ", but --data "
                    + rows.source() + " has " + rows.rowCount() + " rows");
        }
        if (sample == null) {
            return base;
        }
        long first = base.size() == 0 ? 0 : base.row(0);
        return withOption("--sample " + sample, () -> RowSelections.random(first, first + base.size(), sample, seed));
    }

    private void requireTraining(String option, TrainingData rows, TrainingSettings training) {
        if (training == null) {
            throw new ParameterException(spec.commandLine(), "--batch-size: needed for " + option + ", and no training record was found next to"
                    + " the checkpoint (training.json, or the run.json of 'timelapse lm train'); give the model's training batch size"
                    + " (Pythia: 1024), or select rows with --rows or --all-rows");
        }
        if (training.sequenceLength() + 1 != rows.rowLength()) {
            throw new ParameterException(spec.commandLine(), option + ": the model was trained on rows of " + (training.sequenceLength() + 1)
                    + " tokens (" + training.source() + "), but the rows of --data " + rows.source() + " hold " + rows.rowLength()
                    + ", so its steps are not these rows; select rows with --rows or --all-rows");
        }
    }

    private long[] range(String option) {
        String text = option.substring(option.indexOf(' ') + 1);
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 2) {
                return new long[] {Long.parseLong(parts[0].trim()), Long.parseLong(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), option + ": expected FROM:TO, such as 0:1024");
    }

    private <T> T withOption(String option, java.util.function.Supplier<T> selection) {
        try {
            return selection.get();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage(), e);
        }
    }
}
