package io.timelapse.lib.metrics;

import java.util.Map;

/**
 * Encodes TensorFlow {@code Event} messages: {@code wall_time} (1, double), {@code step} (2, int64),
 * {@code file_version} (3, string), {@code summary} (5, Summary) and {@code session_log}
 * (7, SessionLog; 6 is the deprecated {@code log_message}), as tensorflow/core/util/event.proto
 * numbers them. Zero steps are left out, as proto3 encoders do.
 */
final class EventEncoder {

    static final String FILE_VERSION = "brain.Event:2";
    private static final int SESSION_LOG = 7;
    private static final int SESSION_START = 1;

    private EventEncoder() {}

    /** The first record of every event file. */
    static byte[] fileVersion(double wallTime) {
        return new ProtoWriter().doubleField(1, wallTime).stringField(3, FILE_VERSION).toByteArray();
    }

    /** Scalars of one step: a Summary of {@code Value{tag=1, simple_value=2}}. */
    static byte[] scalars(double wallTime, long step, Map<String, Double> values) {
        ProtoWriter summary = new ProtoWriter();
        for (Map.Entry<String, Double> entry : values.entrySet()) {
            if (entry.getValue() != null) {
                summary.messageField(1, new ProtoWriter().stringField(1, entry.getKey()).floatField(2, entry.getValue().floatValue()));
            }
        }
        return event(wallTime, step).messageField(5, summary).toByteArray();
    }

    /**
     * A {@code SessionLog{status=START}} at {@code step}: TensorBoard then discards events of this
     * step and later from earlier files, which is how a resumed run replaces a killed run's tail.
     */
    static byte[] sessionStart(double wallTime, long step) {
        return event(wallTime, step).messageField(SESSION_LOG, new ProtoWriter().varintField(1, SESSION_START)).toByteArray();
    }

    private static ProtoWriter event(double wallTime, long step) {
        ProtoWriter event = new ProtoWriter().doubleField(1, wallTime);
        if (step != 0) {
            event.varintField(2, step);
        }
        return event;
    }
}
