package io.timelapse.plugin.memorization.reproduce;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * When a reproduction trains, checkpoints and scores: its steps, the checkpoints it compares, the rows they are compared
 * on, and how a checkpoint is labelled in reports.
 *
 * @param checkpointSchedule every checkpoint written (in {@code TrainingPlan}'s text form)
 * @param compared the checkpoints scored and compared, ascending, the last at the end of training
 * @param scoredRows rows {@code [0, scoredRows)} are scored at every compared checkpoint: rows all of them have trained on
 * @param finalRows rows {@code [0, finalRows)} are scored at the last checkpoint, where the model sizes are compared
 * @param stepsPerEpoch steps of one pass over the rows, for labels in epochs; 0 labels by step
 */
public record StudyPlan(long steps, long warmupSteps, String checkpointSchedule, List<Long> compared, long scoredRows, long finalRows,
                        long stepsPerEpoch) {

    /** The steps of Pythia's 143,000 at which the paper compares checkpoints (its v0 evaluation). */
    public static final List<Long> PYTHIA_COMPARED = List.of(23_000L, 43_000L, 63_000L, 83_000L, 103_000L, 123_000L, 143_000L);

    /** Pythia's run length, in steps. */
    public static final long PYTHIA_STEPS = 143_000;

    public StudyPlan {
        compared = List.copyOf(compared);
    }

    /**
     * {@code epochs} passes of {@code stepsPerEpoch} steps with {@code checkpoints} evenly spaced checkpoints, the last at
     * the end, all compared on the first epoch's rows; 5 % of the steps warm up.
     */
    public static StudyPlan repeatedEpochs(long stepsPerEpoch, int epochs, int checkpoints, int batchSize) {
        long steps = stepsPerEpoch * epochs;
        List<Long> compared = new ArrayList<>();
        for (int c = 1; c <= checkpoints; c++) {
            compared.add(stepsPerEpoch * (epochs * c / checkpoints));
        }
        long firstEpoch = stepsPerEpoch * batchSize;
        return new StudyPlan(steps, Math.max(1, steps / 20), "steps:" + join(compared), compared, firstEpoch, firstEpoch, stepsPerEpoch);
    }

    /**
     * One pass of {@code steps} steps as Pythia trained: 1 % warm-up; checkpoints at the powers of two and at the fractions of
     * training where the paper compares Pythia's (23,000 … 143,000 of 143,000 steps), which are compared on the rows the
     * earliest of them has seen (the paper's first 23,552,000); the sizes are compared at the end on every row, as the paper
     * compares them at step 143,000.
     *
     * @throws IllegalArgumentException when the steps are too few for seven distinct compared checkpoints
     */
    public static StudyPlan pythia(long steps, int batchSize) {
        List<Long> compared = new ArrayList<>();
        for (long pythiaStep : PYTHIA_COMPARED) {
            long step = Math.round((double) steps * pythiaStep / PYTHIA_STEPS);
            if (step < 1 || (!compared.isEmpty() && step <= compared.get(compared.size() - 1))) {
                throw new IllegalArgumentException(steps + " steps are too few for the paper's " + PYTHIA_COMPARED.size()
                        + " compared checkpoints; give more rows");
            }
            compared.add(step);
        }
        return new StudyPlan(steps, Math.max(1, steps / 100), "log2+steps:" + join(compared), compared, compared.get(0) * batchSize,
                steps * batchSize, 0);
    }

    /** A checkpoint's label in reports: {@code name@3ep} by epochs, or {@code name@step2750}. */
    public String label(String name, long step) {
        return stepsPerEpoch > 0 ? name + "@" + (step / stepsPerEpoch) + "ep" : name + "@step" + step;
    }

    /** How training went, for the report: {@code 12 epochs of 50 steps} or {@code one pass of 5500 steps}. */
    public String describe(int batchSize) {
        return stepsPerEpoch > 0
                ? String.format(Locale.ROOT, "%d epochs of %d steps × %d rows", steps / stepsPerEpoch, stepsPerEpoch, batchSize)
                : String.format(Locale.ROOT, "one pass of %d steps × %d rows, checkpoints compared at steps %s", steps, batchSize, join(compared));
    }

    private static String join(List<Long> steps) {
        return steps.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
