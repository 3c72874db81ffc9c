package io.timelapse.lib.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvAndJsonLinesTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2023-11-14T22:13:20.500Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private static Map<String, Double> row(Object... pairs) {
        Map<String, Double> row = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return row;
    }

    @Test
    void csvHeaderComesFromTheFirstRowInItsOrder() throws IOException {
        Path file = tmp.resolve("m.csv");
        try (CsvMetricsWriter csv = CsvMetricsWriter.create(file)) {
            csv.write(1, row("loss", 2.5, "acc, top-1", 0.125));
            csv.write(2, row("acc, top-1", 0.25, "loss", 1.5));
            csv.write(3, row("loss", Double.NaN));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> csv.write(4, row("lr", 1.0)));
            assertTrue(e.getMessage().startsWith(file + ": metric 'lr' is not a column"), e.getMessage());
        }
        assertEquals("step,loss,\"acc, top-1\"\n1,2.5,0.125\n2,1.5,0.25\n3,NaN,\n", Files.readString(file));
    }

    @Test
    void csvResumeDropsRowsFromTheResumeStepAndAPartialLastRow() throws IOException {
        Path file = tmp.resolve("m.csv");
        Files.writeString(file, "step,loss\n1,4.0\n2,3.0\n3,2.0\n4,1.0\n5,0.");
        try (CsvMetricsWriter csv = CsvMetricsWriter.resume(file, 3)) {
            assertEquals(List.of("loss"), csv.columns());
            csv.write(3, row("loss", 2.25));
        }
        assertEquals("step,loss\n1,4.0\n2,3.0\n3,2.25\n", Files.readString(file));
    }

    @Test
    void csvResumeOfAMissingFileStartsFresh() throws IOException {
        Path file = tmp.resolve("new.csv");
        try (CsvMetricsWriter csv = CsvMetricsWriter.resume(file, 100)) {
            csv.write(100, row("loss", 1.0));
        }
        assertEquals("step,loss\n100,1.0\n", Files.readString(file));
    }

    @Test
    void jsonLines() throws IOException {
        Path file = tmp.resolve("m.jsonl");
        try (JsonLinesMetricsWriter jsonl = JsonLinesMetricsWriter.create(file, CLOCK)) {
            jsonl.write(1, row("loss", 2.5, "lr", 1.0e-4));
            jsonl.write(2, row("loss", Double.POSITIVE_INFINITY));
        }
        assertEquals("{\"step\":1,\"wall_time\":1.7000000005E9,\"loss\":2.5,\"lr\":1.0E-4}\n"
                + "{\"step\":2,\"wall_time\":1.7000000005E9,\"loss\":\"Infinity\"}\n", Files.readString(file));
    }

    @Test
    void jsonLinesResume() throws IOException {
        Path file = tmp.resolve("m.jsonl");
        Files.writeString(file, "{\"step\":1,\"loss\":3}\n{\"loss\":2,\"step\":2}\n{\"step\":3,\"loss\":1}\n{\"step\":4,\"lo");
        try (JsonLinesMetricsWriter jsonl = JsonLinesMetricsWriter.resume(file, 2, CLOCK)) {
            jsonl.write(2, row("loss", 1.5));
        }
        assertEquals("{\"step\":1,\"loss\":3}\n{\"step\":2,\"wall_time\":1.7000000005E9,\"loss\":1.5}\n", Files.readString(file));
    }

    @Test
    void unreadableRowInTheMiddleIsNamed() throws IOException {
        Path file = tmp.resolve("bad.jsonl");
        Files.writeString(file, "{\"step\":1}\nnot json\n{\"step\":3}\n");
        IOException e = assertThrows(IOException.class, () -> JsonLinesMetricsWriter.resume(file, 2, CLOCK));
        assertTrue(e.getMessage().startsWith(file + ": line 2 has no readable step"), e.getMessage());
    }

    @Test
    void standardOutputsResumeTogether() throws IOException {
        Path dir = tmp.resolve("metrics");
        try (CompositeMetricsWriter metrics = CompositeMetricsWriter.standard(dir, OptionalLong.empty(), CLOCK)) {
            for (long step = 1; step <= 5; step++) {
                metrics.write(step, row("loss", 10.0 / step));
            }
        }
        try (CompositeMetricsWriter metrics = CompositeMetricsWriter.standard(dir, OptionalLong.of(4), CLOCK)) {
            metrics.write(4, row("loss", 9.0));
        }
        assertEquals("step,loss\n1,10.0\n2,5.0\n3,3.3333333333333335\n4,9.0\n", Files.readString(dir.resolve("metrics.csv")));
        assertEquals(4, Files.readAllLines(dir.resolve("metrics.jsonl")).size());
        try (var files = Files.list(dir.resolve("tensorboard"))) {
            assertEquals(2, files.count());
        }
    }
}
