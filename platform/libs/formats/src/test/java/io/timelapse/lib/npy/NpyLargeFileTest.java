package io.timelapse.lib.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyLargeFileTest {

    @TempDir
    Path tmp;

    /** A sparse 3.2 GB .npy file: values planted around the 1 GB and 2 GB chunk boundaries are read back. */
    @Test
    void mapsArraysBeyondTwoGigabytes() throws IOException {
        long count = 400_000_000L;
        byte[] header = new NpyHeader(DType.INT64, ByteOrder.LITTLE_ENDIAN, new long[] {count}, false).toBytes();
        Path path = tmp.resolve("huge.npy");
        long[] indices = {0, (1L << 27) - 1, 1L << 27, (1L << 28) + 5, count - 1};
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(header);
            file.setLength(header.length + count * 8);
            for (long i : indices) {
                file.seek(header.length + i * 8);
                file.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1000 + i).array());
            }
        }
        NpyArray array = Npy.map(path);
        assertEquals(count, array.elementCount());
        for (long i : indices) {
            assertEquals(1000 + i, array.getLong(i), "element " + i);
        }
        long[] across = new long[4];
        array.data().getLongs(((1L << 27) - 2) * 8, across, 0, 4);
        assertArrayEquals(new long[] {0, 1000 + (1L << 27) - 1, 1000 + (1L << 27), 0}, across);
        Files.delete(path);
    }
}
