package io.timelapse.api.lm;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run produced.
 *
 * @param resumedFromStep the step the run continued from, 0 for a fresh start
 * @param finalStep the number of completed steps
 * @param finalLoss mean token loss of the last step
 * @param checkpoints model directories written, in step order, including earlier runs' ones
 */
public record TrainingResult(long resumedFromStep, long finalStep, double finalLoss, List<Path> checkpoints) {

    public TrainingResult {
        checkpoints = List.copyOf(checkpoints);
    }
}
