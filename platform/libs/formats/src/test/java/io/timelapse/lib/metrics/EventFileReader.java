package io.timelapse.lib.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An independent minimal reader for the tests: TFRecord framing with a bitwise CRC32C, and a
 * generic protobuf field decoder.
 */
final class EventFileReader {

    private EventFileReader() {}

    /** Bitwise CRC32C with the reflected Castagnoli polynomial, no tables, no java.util.zip. */
    static int crc32c(byte[] data, int offset, int length) {
        int crc = 0xFFFFFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc ^= data[i] & 0xFF;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc >>> 1) ^ ((crc & 1) != 0 ? 0x82F63B78 : 0);
            }
        }
        return ~crc;
    }

    static int masked(byte[] data, int offset, int length) {
        int crc = crc32c(data, offset, length);
        return Integer.rotateRight(crc, 15) + 0xa282ead8;
    }

    /** The data of every record, checking both CRCs of each. */
    static List<byte[]> records(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> records = new ArrayList<>();
        while (in.hasRemaining()) {
            int start = in.position();
            long length = in.getLong();
            assertEquals(masked(bytes, start, 8), in.getInt(), "length CRC of the record at byte " + start);
            byte[] data = new byte[(int) length];
            in.get(data);
            assertEquals(masked(data, 0, data.length), in.getInt(), "data CRC of the record at byte " + start);
            records.add(data);
        }
        return records;
    }

    /** A decoded message: field number to the values in order (Long for varints and fixed, byte[] for length-delimited). */
    static Map<Integer, List<Object>> fields(byte[] message) {
        Map<Integer, List<Object>> fields = new LinkedHashMap<>();
        ByteBuffer in = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        while (in.hasRemaining()) {
            long key = varint(in);
            int field = (int) (key >>> 3);
            Object value;
            switch ((int) (key & 7)) {
                case 0:
                    value = varint(in);
                    break;
                case 1:
                    value = in.getLong();
                    break;
                case 2: {
                    byte[] bytes = new byte[(int) varint(in)];
                    in.get(bytes);
                    value = bytes;
                    break;
                }
                case 5:
                    value = (long) in.getInt();
                    break;
                default:
                    throw new IllegalStateException("wire type " + (key & 7));
            }
            fields.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
        }
        return fields;
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.get() & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    static double doubleOf(Object fixed64) {
        return Double.longBitsToDouble((Long) fixed64);
    }

    static float floatOf(Object fixed32) {
        return Float.intBitsToFloat((int) (long) (Long) fixed32);
    }

    static String stringOf(Object bytes) {
        return new String((byte[]) bytes, StandardCharsets.UTF_8);
    }

    /** tag to simple_value of an Event's summary. */
    static Map<String, Float> scalars(Map<Integer, List<Object>> event) {
        Map<String, Float> scalars = new LinkedHashMap<>();
        for (Object value : fields((byte[]) event.get(5).get(0)).get(1)) {
            Map<Integer, List<Object>> v = fields((byte[]) value);
            scalars.put(stringOf(v.get(1).get(0)), floatOf(v.get(2).get(0)));
        }
        return scalars;
    }
}
