package io.timelapse.lib.bytes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeByteBufferTest {

    @TempDir
    Path tmp;

    /** A sparse 3.2 GB file mapped past a 128-byte prefix: values planted around the 1 GB and 2 GB chunk boundaries are read back. */
    @Test
    void mapsFilesBeyondTwoGigabytes() throws IOException {
        long count = 400_000_000L;
        int prefix = 128;
        Path path = tmp.resolve("huge.bin");
        long[] indices = {0, (1L << 27) - 1, 1L << 27, (1L << 28) + 5, count - 1};
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.setLength(prefix + count * 8);
            for (long i : indices) {
                file.seek(prefix + i * 8);
                file.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000 + i).array());
            }
        }
        LargeByteBuffer data = LargeByteBuffer.map(path, prefix, count * 8, ByteOrder.LITTLE_ENDIAN);
        assertEquals(count * 8, data.size());
        for (long i : indices) {
            assertEquals(1000 + i, data.getLong(i * 8), "element " + i);
        }
        long[] across = new long[4];
        data.getLongs(((1L << 27) - 2) * 8, across, 0, 4);
        assertArrayEquals(new long[] {0, 1000 + (1L << 27) - 1, 1000 + (1L << 27), 0}, across);
        // 16-bit values from an odd offset: the middle one is cut by the chunk boundary (its low byte is the last of chunk 0).
        int[] cut = new int[3];
        data.getUnsignedShorts((1L << 30) - 3, cut, 0, 3);
        assertArrayEquals(new int[] {0, 0xE800, 0x0003}, cut);
        // Loading walks the chunks: a range across the 1 GB boundary, up to the last byte, and nothing beyond it.
        data.load((1L << 30) - 3 * 4096 - 5, 6 * 4096);
        data.load(data.size() - 100, 100);
        assertEquals(1000 + (1L << 27), data.getLong((1L << 27) * 8));
        assertThrows(IndexOutOfBoundsException.class, () -> data.load(data.size() - 100, 101));
        Files.delete(path);
    }

    @Test
    void bulkReadsHonourByteOrderAndBounds() {
        byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8};
        LargeByteBuffer little = LargeByteBuffer.wrap(bytes, ByteOrder.LITTLE_ENDIAN);
        short[] shorts = new short[4];
        little.getShorts(0, shorts, 0, 4);
        assertArrayEquals(new short[] {0x0201, 0x0403, 0x0605, 0x0807}, shorts);
        int[] ints = new int[1];
        little.withOrder(ByteOrder.BIG_ENDIAN).getInts(4, ints, 0, 1);
        assertEquals(0x05060708, ints[0]);
        assertEquals(0x0807060504030201L, little.getLong(0));
        assertThrows(IndexOutOfBoundsException.class, () -> little.getInt(6));
        assertThrows(IllegalArgumentException.class, () -> little.getShorts(1, shorts, 0, 1));
        assertEquals(4, little.slice(0, 4).size());
        little.load(0, 8);
        assertEquals(0x0807060504030201L, little.getLong(0), "loading memory that is not a file mapping leaves it as it is");
        assertThrows(IndexOutOfBoundsException.class, () -> little.load(4, 5));
    }

    @Test
    void unsignedShortsAreWidenedFromAnyOffset() {
        LargeByteBuffer data = LargeByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, (byte) 0xFF, (byte) 0xFF}, ByteOrder.LITTLE_ENDIAN);
        int[] values = new int[5];
        data.getUnsignedShorts(1, values, 1, 4);
        assertArrayEquals(new int[] {0, 0x0302, 0x0504, 0x0706, 0xFFFF}, values);
        data.getUnsignedShorts(0, values, 0, 2);
        assertArrayEquals(new int[] {0x0201, 0x0403}, new int[] {values[0], values[1]});
        assertThrows(IndexOutOfBoundsException.class, () -> data.getUnsignedShorts(2, values, 0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> data.getUnsignedShorts(0, values, 3, 3));
    }
}
