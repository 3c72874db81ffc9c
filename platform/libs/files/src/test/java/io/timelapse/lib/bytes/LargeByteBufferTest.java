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
    }
}
