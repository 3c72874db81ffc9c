package io.timelapse.api.lm;

import java.nio.file.Path;

/** Hears about a training run as it goes. */
@org.osgi.annotation.versioning.ConsumerType
public interface TrainingListener {

    TrainingListener NONE = new TrainingListener() {};

    /** After optimizer step {@code step} (1-based count of completed steps) with its mean token loss. */
    default void stepDone(long step, double loss) {}

    /** After a checkpoint of the model after {@code step} steps was written. */
    default void checkpointWritten(long step, Path directory) {}
}
