package io.timelapse.platform.lm.cli;

import io.timelapse.api.lm.TrainingListener;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows a training's progress with its current loss, over the steps this call trains: a run
 * resumed at step 50 of 60 shows 10 steps, so its time estimate is that of the steps it runs.
 */
final class TrainingProgress implements TrainingListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingProgress.class);

    private final Run run;
    private final long steps;
    private Progress progress;

    TrainingProgress(Run run, long steps) {
        this.run = run;
        this.steps = steps;
    }

    @Override
    public void stepStarting(long completedSteps) {
        if (progress == null) {
            progress = run.progress(completedSteps == 0 ? "train" : "train from step " + completedSteps, steps - completedSteps);
        }
    }

    @Override
    public void stepCompleted(long completedSteps, double loss) {
        progress.step();
        progress.status(String.format(Locale.ROOT, "loss %.3f", loss));
    }

    @Override
    public void checkpointWritten(long step, Path directory) {
        LOG.info("checkpoint step {} -> {}", step, directory);
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.close();
        }
    }
}
