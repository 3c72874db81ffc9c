package io.timelapse.platform.runs;

import io.timelapse.api.run.Progress;

/** Chooses how progress is shown: a bar on an interactive terminal, log lines otherwise. */
final class ProgressReporters {

    private ProgressReporters() {}

    static Progress create(String task, long total, boolean quiet) {
        if (quiet) {
            return Progress.NONE;
        }
        // One bar at a time owns the terminal; a task inside another task logs instead.
        StatusLine line = System.console() != null ? StatusLine.install() : null;
        return line != null ? new TerminalProgressBar(task, total, line, System::nanoTime) : new LoggedProgress(task, total, System::nanoTime);
    }
}
