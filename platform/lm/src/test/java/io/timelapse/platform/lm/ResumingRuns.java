package io.timelapse.platform.lm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.run.OutputWriter;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The real run service with {@link RunService#resume} as its Javadoc describes it, as far as the lm
 * commands rely on it: a succeeded run in {@code --out} comes back {@link Run#complete() complete}
 * and read-only, and a refusal is a usage error thrown before anything is written. It also records
 * the progress statuses a command shows.
 */
final class ResumingRuns implements RunService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunService real;
    private final List<String> statuses = new ArrayList<>();
    private String refusal;

    ResumingRuns(RunService real) {
        this.real = real;
    }

    /** Makes the next resumes refuse with {@code message}, as the platform does for changed options. */
    void refuseWith(String message) {
        refusal = message;
    }

    /** Every status a command's progress showed, in order. */
    List<String> statuses() {
        return statuses;
    }

    @Override
    public Run start(CommandSpec spec, CommonOptions options) throws IOException {
        return real.start(spec, options);
    }

    @Override
    public Run startInDefaultDirectory(CommandSpec spec, CommonOptions options) throws IOException {
        return real.startInDefaultDirectory(spec, options);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Run resume(CommandSpec spec, CommonOptions options) throws IOException {
        if (refusal != null) {
            throw new ParameterException(spec.commandLine(), refusal);
        }
        Path manifest = options.out() == null ? null : options.out().resolve("run.json");
        if (manifest != null && Files.isRegularFile(manifest)) {
            Map<String, Object> run = JSON.readValue(manifest.toFile(), Map.class);
            if ("succeeded".equals(run.get("status"))) {
                return new CompleteRun(options.out(), (Map<String, Object>) run.get("results"));
            }
        }
        return new StatusRecording(real.start(spec, options));
    }

    /** A finished run: its results are final and nothing may be written to it. */
    private record CompleteRun(Path directory, Map<String, Object> results) implements Run {

        @Override
        public boolean complete() {
            return true;
        }

        @Override
        public long seed() {
            return 0;
        }

        @Override
        public void seed(long effectiveSeed) {
            throw written();
        }

        @Override
        public Path input(Path file) {
            throw written();
        }

        @Override
        public Path write(String name, OutputWriter content) {
            throw written();
        }

        @Override
        public void result(String key, Object value) {
            throw written();
        }

        @Override
        public void device(String description) {
            throw written();
        }

        @Override
        public void versions(Map<String, String> versions) {
            throw written();
        }

        @Override
        public Progress progress(String task, long total) {
            throw written();
        }

        @Override
        public void succeeded() {
            throw written();
        }

        @Override
        public void close() {}

        private static AssertionError written() {
            return new AssertionError("a complete run is written to");
        }
    }

    /** A run whose progress statuses are recorded. */
    private final class StatusRecording implements Run {

        private final Run run;

        StatusRecording(Run run) {
            this.run = run;
        }

        @Override
        public Progress progress(String task, long total) {
            Progress progress = run.progress(task, total);
            return new Progress() {
                @Override
                public void advance(long units) {
                    progress.advance(units);
                }

                @Override
                public void status(String text) {
                    statuses.add(text);
                    progress.status(text);
                }

                @Override
                public void close() {
                    progress.close();
                }
            };
        }

        @Override
        public Path directory() {
            return run.directory();
        }

        @Override
        public long seed() {
            return run.seed();
        }

        @Override
        public void seed(long effectiveSeed) {
            run.seed(effectiveSeed);
        }

        @Override
        public Path input(Path file) throws IOException {
            return run.input(file);
        }

        @Override
        public Path write(String name, OutputWriter content) throws IOException {
            return run.write(name, content);
        }

        @Override
        public void result(String key, Object value) {
            run.result(key, value);
        }

        @Override
        public void device(String description) {
            run.device(description);
        }

        @Override
        public void versions(Map<String, String> versions) {
            run.versions(versions);
        }

        @Override
        public boolean complete() {
            return run.complete();
        }

        @Override
        public Map<String, Object> results() {
            return run.results();
        }

        @Override
        public void succeeded() {
            run.succeeded();
        }

        @Override
        public void close() throws IOException {
            run.close();
        }
    }
}
