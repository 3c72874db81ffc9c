package io.timelapse.lib.tokens.megatron;

import io.timelapse.lib.bytes.LargeByteBuffer;

/** Bulk conversion of stored tokens of any {@link TokenType} to Java ints and longs. */
public final class TokenReader {

    /** The most 16-bit values a signed conversion copies at a time. */
    private static final int SCRATCH_SHORTS = 1 << 14;

    private TokenReader() {}

    /** Reads {@code count} tokens starting at byte {@code at} into {@code dst}; values must fit an int. */
    public static void readInts(LargeByteBuffer bytes, TokenType type, long at, int[] dst, int offset, int count) {
        switch (type) {
            case INT32 -> bytes.getInts(at, dst, offset, count);
            case UINT16 -> bytes.getUnsignedShorts(at, dst, offset, count);
            case INT16 -> {
                short[] scratch = new short[Math.min(count, SCRATCH_SHORTS)];
                for (int done = 0; done < count; done += scratch.length) {
                    int n = Math.min(scratch.length, count - done);
                    bytes.getShorts(at + 2L * done, scratch, 0, n);
                    for (int i = 0; i < n; i++) {
                        dst[offset + done + i] = scratch[i];
                    }
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    long v = token(bytes, type, at + (long) i * type.size());
                    if (v != (int) v) {
                        throw new ArithmeticException("token " + v + " at byte " + (at + (long) i * type.size()) + " does not fit an int");
                    }
                    dst[offset + i] = (int) v;
                }
            }
        }
    }

    public static void readLongs(LargeByteBuffer bytes, TokenType type, long at, long[] dst, int offset, int count) {
        switch (type) {
            case INT64 -> bytes.getLongs(at, dst, offset, count);
            case FLOAT32, FLOAT64, UINT8, INT8 -> {
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = token(bytes, type, at + (long) i * type.size());
                }
            }
            default -> {
                int[] scratch = new int[count];
                readInts(bytes, type, at, scratch, 0, count);
                for (int i = 0; i < count; i++) {
                    dst[offset + i] = scratch[i];
                }
            }
        }
    }

    /** One token, converted as NumPy's {@code astype(int64)} does (floats truncate toward zero). */
    public static long token(LargeByteBuffer bytes, TokenType type, long at) {
        return switch (type) {
            case UINT8 -> bytes.getByte(at) & 0xFF;
            case INT8 -> bytes.getByte(at);
            case INT16 -> bytes.getShort(at);
            case UINT16 -> bytes.getShort(at) & 0xFFFF;
            case INT32 -> bytes.getInt(at);
            case INT64 -> bytes.getLong(at);
            case FLOAT32 -> (long) bytes.getFloat(at);
            case FLOAT64 -> (long) bytes.getDouble(at);
        };
    }
}
