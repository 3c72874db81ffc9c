package io.timelapse.lib.metrics;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Writes every row to several writers. */
public final class CompositeMetricsWriter implements MetricsWriter {

    /** The file names {@link #standard} uses inside a run's metrics directory. */
    public static final String CSV_FILE = "metrics.csv";
    public static final String JSONL_FILE = "metrics.jsonl";
    public static final String TENSORBOARD_DIR = "tensorboard";

    private final List<MetricsWriter> writers;

    public CompositeMetricsWriter(List<MetricsWriter> writers) {
        this.writers = List.copyOf(writers);
    }

    /**
     * CSV, JSON lines and TensorBoard output in {@code dir}; with {@code resumeFromStep} present,
     * each first drops what a killed run wrote for that step and later.
     */
    public static CompositeMetricsWriter standard(Path dir, OptionalLong resumeFromStep, Clock clock) throws IOException {
        List<MetricsWriter> writers = new ArrayList<>();
        try {
            if (resumeFromStep.isPresent()) {
                long step = resumeFromStep.getAsLong();
                writers.add(CsvMetricsWriter.resume(dir.resolve(CSV_FILE), step));
                writers.add(JsonLinesMetricsWriter.resume(dir.resolve(JSONL_FILE), step, clock));
                writers.add(TensorBoardWriter.resume(dir.resolve(TENSORBOARD_DIR), step, clock));
            } else {
                writers.add(CsvMetricsWriter.create(dir.resolve(CSV_FILE)));
                writers.add(JsonLinesMetricsWriter.create(dir.resolve(JSONL_FILE), clock));
                writers.add(TensorBoardWriter.create(dir.resolve(TENSORBOARD_DIR), clock));
            }
        } catch (IOException | RuntimeException e) {
            new CompositeMetricsWriter(writers).close();
            throw e;
        }
        return new CompositeMetricsWriter(writers);
    }

    @Override
    public void write(long step, Map<String, Double> values) throws IOException {
        for (MetricsWriter writer : writers) {
            writer.write(step, values);
        }
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (MetricsWriter writer : writers) {
            try {
                writer.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
