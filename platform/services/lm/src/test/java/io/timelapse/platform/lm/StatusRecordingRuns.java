package io.timelapse.platform.lm;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.run.OutputWriter;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** The real run service, recording the progress statuses a command shows. */
final class StatusRecordingRuns implements RunService {

    private final RunService real;
    private final List<String> statuses = new ArrayList<>();

    StatusRecordingRuns(RunService real) {
        this.real = real;
    }

    /** Every status a command's progress showed, in order. */
    List<String> statuses() {
        return statuses;
    }

    @Override
    public Run start(CommandSpec spec, CommonOptions options) throws IOException {
        return new StatusRecording(real.start(spec, options));
    }

    @Override
    public Run startInDefaultDirectory(CommandSpec spec, CommonOptions options) throws IOException {
        return new StatusRecording(real.startInDefaultDirectory(spec, options));
    }

    @Override
    public Run resume(CommandSpec spec, CommonOptions options) throws IOException {
        return new StatusRecording(real.resume(spec, options));
    }

    @Override
    public void failed(CommandSpec spec, int exitCode, String error) throws IOException {
        real.failed(spec, exitCode, error);
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
