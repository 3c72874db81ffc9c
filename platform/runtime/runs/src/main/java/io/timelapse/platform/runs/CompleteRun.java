package io.timelapse.platform.runs;

import io.timelapse.api.run.OutputWriter;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import java.nio.file.Path;
import java.util.Map;

/**
 * A run that had already succeeded when it was resumed: its record is final, so this view
 * records nothing, writes nothing, and leaves {@code run.json} byte for byte as it was.
 */
final class CompleteRun implements Run {

    private final Path directory;
    private final RecordedRun record;

    CompleteRun(Path directory, RecordedRun record) {
        this.directory = directory;
        this.record = record;
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public long seed() {
        return record.seed();
    }

    @Override
    public void seed(long effectiveSeed) {}

    @Override
    public Path input(Path file) {
        return file;
    }

    @Override
    public Path write(String name, OutputWriter content) {
        throw new IllegalStateException(directory + " holds a complete run; " + name + " is not written again");
    }

    @Override
    public void result(String key, Object value) {}

    @Override
    public void device(String description) {}

    @Override
    public void versions(Map<String, String> versions) {}

    @Override
    public Progress progress(String task, long total) {
        return Progress.NONE;
    }

    @Override
    public boolean complete() {
        return true;
    }

    @Override
    public Map<String, Object> results() {
        return record.results();
    }

    @Override
    public void succeeded() {}

    @Override
    public void close() {}
}
