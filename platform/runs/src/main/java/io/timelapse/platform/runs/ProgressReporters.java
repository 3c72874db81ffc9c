package io.timelapse.platform.runs;

import io.timelapse.api.run.Progress;

/** Chooses how progress is shown: a bar on an interactive terminal, log lines otherwise. */
final class ProgressReporters {

    private ProgressReporters() {}

    static Progress create(String task, long total, boolean quiet) {
        if (quiet) {
            return Progress.NONE;
        }
        return System.console() != null ? new TerminalProgressBar(task, total, System.err) : new LoggedProgress(task, total);
    }
}
