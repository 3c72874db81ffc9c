package io.timelapse.lib.bench;

import io.timelapse.api.run.OutputWriter;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A run that only remembers its results and device, for tests of what a report records. */
final class RecordingRun implements Run {

    final Map<String, Object> results = new LinkedHashMap<>();
    String device;

    @Override
    public Path directory() {
        throw new UnsupportedOperationException();
    }

    @Override
    public long seed() {
        return 0;
    }

    @Override
    public void seed(long effectiveSeed) {}

    @Override
    public Path input(Path file) {
        return file;
    }

    @Override
    public Path write(String name, OutputWriter content) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void result(String key, Object value) {
        results.put(key, value);
    }

    @Override
    public void device(String description) {
        device = description;
    }

    @Override
    public void versions(Map<String, String> versions) {}

    @Override
    public Progress progress(String task, long total) {
        return Progress.NONE;
    }

    @Override
    public Map<String, Object> results() {
        return results;
    }

    @Override
    public void succeeded() {}

    @Override
    public void close() {}
}
