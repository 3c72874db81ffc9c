package io.timelapse.lib.metrics;

import io.timelapse.lib.csv.Csv;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Metrics as CSV: a {@code step} column, then the first row's metric names in their order. Each row
 * goes to the file as soon as it is written, so a killed run loses at most the row in flight.
 * Missing values are empty cells; a metric the header lacks is an error.
 */
public final class CsvMetricsWriter implements MetricsWriter {

    private final Path file;
    private final FileChannel channel;
    private final OutputStream out;
    private List<String> columns;

    private CsvMetricsWriter(Path file, List<String> columns) throws IOException {
        this.file = file;
        this.columns = columns;
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.out = Channels.newOutputStream(channel);
    }

    /** Starts a new file, replacing any old one. */
    public static CsvMetricsWriter create(Path file) throws IOException {
        Files.deleteIfExists(file);
        return new CsvMetricsWriter(file, null);
    }

    /**
     * Continues {@code file} for a run resuming at {@code step}: rows of that step and later are
     * dropped first, and new rows keep the existing header. A missing file starts fresh.
     */
    public static CsvMetricsWriter resume(Path file, long step) throws IOException {
        if (!Files.exists(file)) {
            return create(file);
        }
        List<String> kept = StepTruncation.truncate(file, 1, step, CsvMetricsWriter::stepOf);
        List<String> columns = kept.isEmpty() ? null : Csv.split(kept.get(0));
        if (columns != null && (columns.isEmpty() || !columns.get(0).equals("step"))) {
            throw new IOException(file + ": the header's first column is not 'step': " + kept.get(0));
        }
        return new CsvMetricsWriter(file, columns == null ? null : columns.subList(1, columns.size()));
    }

    private static long stepOf(String line) {
        int comma = line.indexOf(',');
        try {
            return Long.parseLong(comma < 0 ? line : line.substring(0, comma));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("first field is not an integer step", e);
        }
    }

    /** The metric columns after {@code step}; empty until the first row fixes them. */
    public List<String> columns() {
        return columns == null ? List.of() : List.copyOf(columns);
    }

    @Override
    public synchronized void write(long step, Map<String, Double> values) throws IOException {
        StringBuilder line = new StringBuilder();
        if (columns == null) {
            columns = new ArrayList<>(values.keySet());
            line.append("step");
            for (String column : columns) {
                line.append(',').append(Csv.quote(column));
            }
            line.append('\n');
        }
        for (String name : values.keySet()) {
            if (!columns.contains(name)) {
                throw new IllegalArgumentException(file + ": metric '" + name + "' is not a column of this CSV "
                        + "(columns come from the first row: " + columns + ")");
            }
        }
        line.append(step);
        for (String column : columns) {
            line.append(',');
            Double value = values.get(column);
            if (value != null) {
                line.append(value.doubleValue());
            }
        }
        line.append('\n');
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            channel.force(true);
        } finally {
            channel.close();
        }
    }
}
