package io.timelapse.plugin.dsb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryTest {

    @TempDir
    Path dir;

    /** Two records: labels 3 and 9; pixel p of record r holds (r * 7 + p) mod 256. */
    private static byte[] batch() {
        byte[] data = new byte[2 * CifarBinary.RECORD];
        for (int r = 0; r < 2; r++) {
            data[r * CifarBinary.RECORD] = (byte) (r == 0 ? 3 : 9);
            for (int p = 0; p < CifarBinary.RECORD - 1; p++) {
                data[r * CifarBinary.RECORD + 1 + p] = (byte) (r * 7 + p);
            }
        }
        return data;
    }

    @Test
    void readsRecordsAsChwImages() throws IOException {
        LabeledImages data = CifarBinary.read(Files.write(dir.resolve("batch.bin"), batch()));
        assertArrayEquals(new int[] {3, 9}, data.labels());
        ImageArray images = data.images();
        assertEquals(3, images.channels());
        assertEquals(32, images.height());
        assertEquals(32, images.width());
        assertEquals(0, images.pixel(0, 0));
        assertEquals(1, images.pixel(0, 1025));
        assertEquals(255, images.pixel(0, 2047));
        assertEquals(6, images.pixel(1, 3071));
    }

    @Test
    void readsGzippedBatches() throws IOException {
        LabeledImages data = CifarBinary.read(Files.write(dir.resolve("batch.bin.gz"), IdxFilesTest.gzip(batch())));
        assertArrayEquals(new int[] {3, 9}, data.labels());
    }

    @Test
    void truncatedBatchIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("cut.bin"), Arrays.copyOf(batch(), 5000));
        IOException e = assertThrows(IOException.class, () -> CifarBinary.read(file));
        assertEquals(file + ": 5000 bytes is not a whole number of CIFAR-10 records (3073 bytes each); the file is"
            + " truncated or not a CIFAR-10 binary batch", e.getMessage());
    }

    @Test
    void labelOutOfRangeIsRefused() throws IOException {
        byte[] data = batch();
        data[CifarBinary.RECORD] = 10;
        Path file = Files.write(dir.resolve("bad.bin"), data);
        IOException e = assertThrows(IOException.class, () -> CifarBinary.read(file));
        assertEquals(file + ": record 1 has label 10; CIFAR-10 labels are 0 to 9", e.getMessage());
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("empty.bin"), new byte[0]);
        IOException e = assertThrows(IOException.class, () -> CifarBinary.read(file));
        assertEquals(file + ": empty file, not a CIFAR-10 binary batch", e.getMessage());
    }
}
