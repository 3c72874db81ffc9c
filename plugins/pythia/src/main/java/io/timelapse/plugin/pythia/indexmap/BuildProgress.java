package io.timelapse.plugin.pythia.indexmap;

import io.timelapse.api.run.Progress;

/** Where an index-map build reports its long loops; {@code run::progress} is one. */
@FunctionalInterface
public interface BuildProgress {

    /** Starts a task of {@code total} units; the caller closes the returned progress when the task ends. */
    Progress task(String name, long total);

    /** Reports nothing. */
    static BuildProgress none() {
        return (name, total) -> Progress.NONE;
    }

}
