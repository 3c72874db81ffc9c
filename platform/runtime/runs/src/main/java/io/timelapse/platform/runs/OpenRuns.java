package io.timelapse.platform.runs;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The runs of this process that are still open, each marked interrupted if the JVM stops under it,
 * and the last run of each command, which may still learn why the command failed. When the runs
 * bundle stops, its hooks go with it: a hook must never run code of a bundle that is gone.
 */
final class OpenRuns {

    private final Map<ActiveRun, Thread> hooks = new IdentityHashMap<>();
    private final Map<CommandSpec, ActiveRun> lastRuns = new WeakHashMap<>();

    synchronized void opened(CommandSpec spec, ActiveRun run) {
        Thread hook = new Thread(run::markInterrupted, "timelapse-run-interrupted");
        Runtime.getRuntime().addShutdownHook(hook);
        hooks.put(run, hook);
        lastRuns.put(spec, run);
    }

    synchronized void closed(ActiveRun run) {
        removeHook(hooks.remove(run));
    }

    /** The run {@code spec}'s command started last, if it has not been asked for before. */
    synchronized ActiveRun takeLast(CommandSpec spec) {
        return lastRuns.remove(spec);
    }

    /** How many runs have a shutdown hook now. */
    synchronized int open() {
        return hooks.size();
    }

    synchronized void stop() {
        hooks.values().forEach(OpenRuns::removeHook);
        hooks.clear();
        lastRuns.clear();
    }

    private static void removeHook(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is already running or has run.
        }
    }
}
