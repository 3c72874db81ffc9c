package io.timelapse.api.lm;

import io.timelapse.api.data.TrainingData;
import java.nio.file.Path;

/**
 * A training run from scratch: row i of {@code data} is trained at step i / batchSize, so a resumed
 * run sees exactly the rows it would have seen.
 *
 * @param config the architecture
 * @param data token rows in training order; each row is one sequence (inputs plus the shifted target)
 * @param outputDirectory checkpoints go to {@code step<N>/} (Hugging Face layout) below it
 * @param steps optimizer steps in total
 * @param batchSize rows per step
 * @param learningRate peak AdamW learning rate
 * @param warmupSteps linear warm-up steps before cosine decay to a tenth of the peak
 * @param weightDecay AdamW weight decay
 * @param checkpointSchedule which steps get a checkpoint: {@code pythia} (0, 1, 2, 4, …, 512, then
 *     every 1000), {@code every:N}, {@code log2}, {@code steps:a,b}, joined with {@code +}; the final
 *     step always gets one
 * @param seed initialization seed
 */
public record TrainingPlan(LmConfig config, TrainingData data, Path outputDirectory, long steps, int batchSize,
                           double learningRate, long warmupSteps, double weightDecay, String checkpointSchedule, long seed) {

    public TrainingPlan {
        if (steps <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("steps and batch size must be positive, got " + steps + " and " + batchSize);
        }
        if (steps * batchSize > data.rowCount()) {
            throw new IllegalArgumentException(steps + " steps of " + batchSize + " rows need " + steps * batchSize
                    + " rows, " + data.source() + " has " + data.rowCount());
        }
    }
}
