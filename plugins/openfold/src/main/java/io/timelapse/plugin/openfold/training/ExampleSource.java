package io.timelapse.plugin.openfold.training;

/**
 * Where a training run's examples come from: one chain ({@link TrainingExamples}) or a data set ({@link DatasetExamples}).
 * Every example is a pure function of the source's seed, the step and the example's place in the step's batch, so a
 * resumed run sees exactly the data an uninterrupted one would.
 */
public interface ExampleSource {

    /** Example {@code member} (0 … batch−1) of the step after {@code step} completed steps. */
    TrainingExample train(long step, int member);

    /** The residues of every example: the crop, padded where a chain is shorter. */
    int cropSize();
}
