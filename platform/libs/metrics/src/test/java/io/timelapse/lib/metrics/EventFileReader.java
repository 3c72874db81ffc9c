package io.timelapse.lib.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent minimal reader of TFRecord framing for the tests, with a bitwise CRC32C; the
 * records themselves are decoded with TensorFlow's own protobuf classes.
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
}
