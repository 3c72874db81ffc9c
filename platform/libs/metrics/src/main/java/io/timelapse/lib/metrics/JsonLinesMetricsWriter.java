package io.timelapse.lib.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Metrics as JSON lines: one object per row, {@code {"step":S,"wall_time":T,"name":value,...}},
 * wall time in seconds since the epoch. Non-finite values are written as the strings
 * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, since JSON has no such numbers.
 */
public final class JsonLinesMetricsWriter implements MetricsWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private final FileChannel channel;
    private final OutputStream out;
    private final Clock clock;

    private JsonLinesMetricsWriter(Path file, Clock clock) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        this.out = Channels.newOutputStream(channel);
        this.clock = clock;
    }

    /** Starts a new file, replacing any old one. */
    public static JsonLinesMetricsWriter create(Path file, Clock clock) throws IOException {
        Files.deleteIfExists(file);
        return new JsonLinesMetricsWriter(file, clock);
    }

    /** Continues {@code file} for a run resuming at {@code step}, dropping rows of that step and later first. */
    public static JsonLinesMetricsWriter resume(Path file, long step, Clock clock) throws IOException {
        if (Files.exists(file)) {
            StepTruncation.truncate(file, 0, step, JsonLinesMetricsWriter::stepOf);
        }
        return new JsonLinesMetricsWriter(file, clock);
    }

    static long stepOf(String line) {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("step")) {
                    if (value != JsonToken.VALUE_NUMBER_INT) {
                        throw new IllegalArgumentException("\"step\" is not an integer");
                    }
                    return parser.getLongValue();
                }
                parser.skipChildren();
            }
            throw new IllegalArgumentException("no \"step\" field");
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void write(long step, Map<String, Double> values) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(line)) {
            json.writeStartObject();
            json.writeNumberField("step", step);
            Instant now = clock.instant();
            json.writeNumberField("wall_time", now.getEpochSecond() + now.getNano() / 1e9);
            for (Map.Entry<String, Double> entry : values.entrySet()) {
                if (entry.getKey().equals("step") || entry.getKey().equals("wall_time")) {
                    throw new IllegalArgumentException("metric name '" + entry.getKey() + "' is reserved");
                }
                if (entry.getValue() != null) {
                    json.writeNumberField(entry.getKey(), entry.getValue().doubleValue());
                }
            }
            json.writeEndObject();
        }
        line.write('\n');
        out.write(line.toByteArray());
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
