package io.timelapse.platform.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.timelapse.api.run.OutputWriter;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.files.ChecksumCache;
import io.timelapse.lib.files.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A run in progress; {@code run.json} is rewritten atomically at every change of status. */
final class ActiveRun implements Run {

    static final String MANIFEST = "run.json";
    private static final Logger LOG = LoggerFactory.getLogger(ActiveRun.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path directory;
    private final RunManifest manifest;
    private final Clock clock;
    private final boolean quiet;
    private final ChecksumCache checksums;
    private final OpenRuns openRuns;
    private boolean succeeded;
    private boolean closed;

    /** Writes the first {@code run.json}; the caller registers the run with {@code openRuns} once it exists. */
    ActiveRun(Path directory, RunManifest manifest, Clock clock, boolean quiet, ChecksumCache checksums, OpenRuns openRuns)
            throws IOException {
        this.directory = directory;
        this.manifest = manifest;
        this.clock = clock;
        this.quiet = quiet;
        this.checksums = checksums;
        this.openRuns = openRuns;
        save();
        LOG.info("run directory {}", directory);
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public long seed() {
        return manifest.seed();
    }

    @Override
    public void seed(long effectiveSeed) {
        manifest.seed(effectiveSeed);
        saveQuietly();
    }

    @Override
    public Path input(Path file) throws IOException {
        Sha256.Digest digest = checksums.digest(file);
        manifest.addInput(file.toAbsolutePath().normalize().toString(), digest.bytes(), digest.hex());
        saveWhileOpen();
        return file;
    }

    @Override
    public Path write(String name, OutputWriter content) throws IOException {
        Path target = output(name);
        AtomicFiles.write(target, content::writeTo);
        return target;
    }

    @Override
    public void result(String key, Object value) {
        manifest.result(key, value);
    }

    @Override
    public Map<String, Object> results() {
        return manifest.results();
    }

    @Override
    public void device(String description) {
        manifest.device(description);
    }

    @Override
    public void versions(Map<String, String> versions) {
        manifest.libraryVersions(versions);
    }

    @Override
    public Progress progress(String task, long total) {
        return ProgressReporters.create(task, total, quiet);
    }

    @Override
    public void succeeded() {
        succeeded = true;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        openRuns.closed(this);
        manifest.finish(succeeded ? RunManifest.Status.succeeded : RunManifest.Status.failed, clock.instant());
        save();
    }

    /**
     * Records the error that ended the command, and the exit code it ends with; closes the run if
     * the command left it open. A run that succeeded or was interrupted keeps its record.
     */
    synchronized void failed(int exitCode, String error) throws IOException {
        RunManifest.Status status = manifest.status();
        if (status == RunManifest.Status.succeeded || status == RunManifest.Status.interrupted) {
            return;
        }
        if (!closed) {
            closed = true;
            openRuns.closed(this);
        }
        manifest.failed(exitCode, error, clock.instant());
        save();
    }

    /** Runs on a shutdown signal while the command is still working. */
    synchronized void markInterrupted() {
        if (closed) {
            return;
        }
        closed = true;
        manifest.finish(RunManifest.Status.interrupted, clock.instant());
        try {
            save();
        } catch (IOException e) {
            LOG.warn("cannot mark {} interrupted: {}", directory.resolve(MANIFEST), e.getMessage());
        }
    }

    /**
     * Writes {@code run.json} unless the run has ended. The command's thread and a shutdown hook
     * marking the run interrupted may both get here; under the lock, a final record is never
     * replaced by the state of the run before it ended.
     */
    private synchronized void saveWhileOpen() throws IOException {
        if (!closed) {
            save();
        }
    }

    private void saveQuietly() {
        try {
            saveWhileOpen();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update " + directory.resolve(MANIFEST), e);
        }
    }

    private void save() throws IOException {
        byte[] json = JSON.writeValueAsBytes(manifest.snapshot());
        AtomicFiles.writeBytes(directory.resolve(MANIFEST), json);
    }
}
