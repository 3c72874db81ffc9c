package io.timelapse.lib.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * TFRecord framing: {@code u64 length, u32 masked CRC32C of the length bytes, data, u32 masked
 * CRC32C of the data}, all little-endian.
 */
public final class TfRecords {

    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecords() {}

    /** CRC32C (Castagnoli) of the bytes. */
    public static int crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** TensorFlow's masking of a stored CRC: rotate right by 15 bits, add a constant. */
    public static int mask(int crc) {
        return ((crc >>> 15) | (crc << 17)) + MASK_DELTA;
    }

    /** The framed record around {@code data}. */
    public static byte[] frame(byte[] data) {
        byte[] record = new byte[8 + 4 + data.length + 4];
        putLong(record, 0, data.length);
        putInt(record, 8, mask(crc32c(record, 0, 8)));
        System.arraycopy(data, 0, record, 12, data.length);
        putInt(record, 12 + data.length, mask(crc32c(data, 0, data.length)));
        return record;
    }

    public static void write(OutputStream out, byte[] data) throws IOException {
        out.write(frame(data));
    }

    private static void putLong(byte[] target, int at, long value) {
        for (int i = 0; i < 8; i++) {
            target[at + i] = (byte) (value >>> (8 * i));
        }
    }

    private static void putInt(byte[] target, int at, int value) {
        for (int i = 0; i < 4; i++) {
            target[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
