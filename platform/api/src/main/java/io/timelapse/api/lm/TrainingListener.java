package io.timelapse.api.lm;

import java.nio.file.Path;

/** Hears about a training run as it goes. */
@org.osgi.annotation.versioning.ConsumerType
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {};

    /** Before the optimizer step that follows {@code completedSteps} completed ones. */
    default void stepStarting(long completedSteps) {}

    /**
     * After step {@code completedSteps}, with its mean token loss.
     *
     * @since 1.1
     */
    default void stepCompleted(long completedSteps, double loss) {}

    /** After the Hugging Face model directory of the model after {@code step} steps was written. */
    default void checkpointWritten(long step, Path directory) {}
}
