package io.timelapse.plugin.pythia.dataset;

/**
 * The run length that fixes how many samples gpt-neox requests (its {@code data_utils}):
 * train = iters × batch, valid = (iters / eval_interval + 1) × eval_iters × batch,
 * test = eval_iters × batch.
 */
public record TrainingSchedule(long trainIters, long globalBatchSize, long evalInterval, long evalIters) {

    /** Pythia's schedule: 143000 iterations of 1024 samples (evaluation every 143000 with 0 iterations). */
    public static TrainingSchedule pythia() {
        return new TrainingSchedule(143_000, 1024, 143_000, 0);
    }

    public TrainingSchedule {
        if (trainIters < 0 || globalBatchSize < 1 || evalInterval < 1 || evalIters < 0) {
            throw new IllegalArgumentException("invalid schedule: train-iters " + trainIters + ", global-batch-size " + globalBatchSize
                    + ", eval-interval " + evalInterval + ", eval-iters " + evalIters);
        }
    }

    public long samples(Split split) {
        return switch (split) {
            case TRAIN -> trainIters * globalBatchSize;
            case VALID -> (trainIters / evalInterval + 1) * evalIters * globalBatchSize;
            case TEST -> evalIters * globalBatchSize;
        };
    }
}
