package io.timelapse.api.run;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One run of a command and its directory. Closing a run that was not marked {@link #succeeded()}
 * records it as failed; a run cut short by a signal is recorded as {@code interrupted}, so no
 * unfinished run ever looks complete.
 */
@org.osgi.annotation.versioning.ProviderType
public interface Run extends Closeable {

    /** The run directory; results go next to {@code run.json}. */
    Path directory();

    long seed();

    /** Records the seed the command really used, when a tool's own default replaced {@code --seed}'s. */
    void seed(long effectiveSeed);

    /** Records {@code file} as an input of the run, with its sha256, and returns it. */
    Path input(Path file) throws IOException;

    /** The path of a result file inside the run directory. */
    default Path output(String name) {
        return directory().resolve(name);
    }

    /** Writes a result file atomically and returns its path. */
    Path write(String name, OutputWriter content) throws IOException;

    /** Adds a value to the {@code results} section of {@code run.json}. */
    void result(String key, Object value);

    /** Records what the command computes on, for example {@code CPU} or {@code GPU:0}. */
    void device(String description);

    /** Adds entries to the {@code versions} section, for libraries the command relies on. */
    void versions(Map<String, String> versions);

    /** Reports progress of {@code total} units of work, as a bar on a terminal or as log lines. */
    Progress progress(String task, long total);

    /**
     * True when {@link RunService#resume} reopened a run that had already succeeded: its results
     * are final, and closing this run leaves its directory as it was.
     *
     * @since 1.1
     */
    default boolean complete() {
        return false;
    }

    /**
     * The {@code results} section of {@code run.json} so far, including those of the earlier run
     * that {@link RunService#resume} reopened.
     *
     * @since 1.1
     */
    Map<String, Object> results();

    /** Marks the run as complete; call it after the last result is written. */
    void succeeded();

    /** Records the final status and end time. */
    @Override
    void close() throws IOException;
}
