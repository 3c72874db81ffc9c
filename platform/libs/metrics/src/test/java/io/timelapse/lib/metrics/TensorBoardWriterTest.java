package io.timelapse.lib.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;

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
    void writesEventsTensorFlowsSchemaDecodes() throws IOException {
        Path file;
        try (TensorBoardWriter writer = TensorBoardWriter.create(tmp, CLOCK, "testhost")) {
            file = writer.file();
            writer.write(1, row(2.5, 0.001));
            writer.write(2, row(1.25, 0.002));
        }
        assertEquals(tmp.resolve("events.out.tfevents.1700000000.testhost"), file);
        List<Event> events = events(file);
        assertEquals(3, events.size());

        Event first = events.get(0);
        assertEquals(1700000000.25, first.getWallTime());
        assertEquals(Event.WhatCase.FILE_VERSION, first.getWhatCase());
        assertEquals("brain.Event:2", first.getFileVersion());
        assertEquals(0, first.getStep());

        assertEquals(1, events.get(1).getStep());
        assertEquals(Map.of("loss", 2.5f, "lr", 0.001f), scalars(events.get(1)));
        assertEquals(2, events.get(2).getStep());
        assertEquals(Map.of("loss", 1.25f, "lr", 0.002f), scalars(events.get(2)));
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
        List<Event> events = events(resumed);
        assertEquals(3, events.size());
        Event start = events.get(1);
        assertEquals(8, start.getStep());
        assertEquals(Event.WhatCase.SESSION_LOG, start.getWhatCase(), "the resume marker is a session_log (field 7)");
        assertEquals(SessionLog.SessionStatus.START, start.getSessionLog().getStatus());
        assertEquals(Map.of("loss", 0.5f, "lr", 1f), scalars(events.get(2)));
    }

    /** Every record of an event file, parsed strictly as TensorFlow's Event: unknown fields fail. */
    private static List<Event> events(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        for (byte[] record : EventFileReader.records(file)) {
            Event event = Event.parseFrom(record);
            assertEquals(0, event.getUnknownFields().asMap().size(), "fields Event does not define: " + event.getUnknownFields());
            events.add(event);
        }
        return events;
    }

    private static Map<String, Float> scalars(Event event) {
        assertEquals(Event.WhatCase.SUMMARY, event.getWhatCase());
        Map<String, Float> scalars = new LinkedHashMap<>();
        for (Summary.Value value : event.getSummary().getValueList()) {
            assertEquals(Summary.Value.ValueCase.SIMPLE_VALUE, value.getValueCase(), value.getTag());
            scalars.put(value.getTag(), value.getSimpleValue());
        }
        return scalars;
    }
}
