package io.timelapse.lib.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorBoardWriterTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2023-11-14T22:13:20.250Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private static Map<String, Double> row(double loss, double lr) {
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("loss", loss);
        row.put("lr", lr);
        return row;
    }

    @Test
    void writesAnEventFileTheIndependentReaderDecodes() throws IOException {
        Path file;
        try (TensorBoardWriter writer = TensorBoardWriter.create(tmp, CLOCK, "testhost")) {
            file = writer.file();
            writer.write(1, row(2.5, 0.001));
            writer.write(2, row(1.25, 0.002));
        }
        assertEquals(tmp.resolve("events.out.tfevents.1700000000.testhost"), file);
        List<byte[]> records = EventFileReader.records(file);
        assertEquals(3, records.size());

        Map<Integer, List<Object>> first = EventFileReader.fields(records.get(0));
        assertEquals(1700000000.25, EventFileReader.doubleOf(first.get(1).get(0)));
        assertEquals("brain.Event:2", EventFileReader.stringOf(first.get(3).get(0)));
        assertFalse(first.containsKey(2));

        Map<Integer, List<Object>> second = EventFileReader.fields(records.get(1));
        assertEquals(1L, second.get(2).get(0));
        assertEquals(Map.of("loss", 2.5f, "lr", 0.001f), EventFileReader.scalars(second));
        Map<Integer, List<Object>> third = EventFileReader.fields(records.get(2));
        assertEquals(2L, third.get(2).get(0));
        assertEquals(Map.of("loss", 1.25f, "lr", 0.002f), EventFileReader.scalars(third));
    }

    @Test
    void resumeStartsANewFileWithASessionStartAtTheResumeStep() throws IOException {
        try (TensorBoardWriter writer = TensorBoardWriter.create(tmp, CLOCK, "h")) {
            writer.write(10, row(1, 1));
        }
        Path resumed;
        try (TensorBoardWriter writer = TensorBoardWriter.resume(tmp, 8, CLOCK, "h")) {
            resumed = writer.file();
            writer.write(8, row(0.5, 1));
        }
        assertEquals(tmp.resolve("events.out.tfevents.1700000000.h.1"), resumed);
        List<byte[]> records = EventFileReader.records(resumed);
        assertEquals(3, records.size());
        Map<Integer, List<Object>> start = EventFileReader.fields(records.get(1));
        assertEquals(8L, start.get(2).get(0));
        Map<Integer, List<Object>> sessionLog = EventFileReader.fields((byte[]) start.get(6).get(0));
        assertEquals(1L, sessionLog.get(1).get(0), "SessionLog.status START");
    }
}
