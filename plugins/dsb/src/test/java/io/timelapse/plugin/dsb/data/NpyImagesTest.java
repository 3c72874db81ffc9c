package io.timelapse.plugin.dsb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyImagesTest {

    @TempDir
    Path dir;

    @Test
    void readsGrayscaleUint8() throws IOException {
        Path file = write("gray.npy", NpyArray.of(DType.UINT8, new int[] {0, 51, 255, 102, 1, 2, 3, 4}, 2, 2, 2));
        ImageArray images = NpyImages.readImages(file);
        assertEquals(2, images.count());
        assertEquals(1, images.channels());
        assertEquals(255, images.pixel(0, 2));
        assertArrayEquals(new double[] {0, 0.2, 1, 0.4}, NpyImages.readRows(file)[0], 0);
    }

    @Test
    void transposesChannelsLastToChw() throws IOException {
        // One 1x2 RGB image: pixel 0 = (1, 2, 3), pixel 1 = (4, 5, 6).
        Path file = write("rgb.npy", NpyArray.of(DType.UINT8, new int[] {1, 2, 3, 4, 5, 6}, 1, 1, 2, 3));
        ImageArray images = NpyImages.readImages(file);
        assertEquals(3, images.channels());
        assertArrayEquals(new byte[] {1, 4, 2, 5, 3, 6}, images.pixels());
    }

    @Test
    void readsFloatRowsAsStored() throws IOException {
        Path file = write("rows.npy", NpyArray.ofDoubles(new double[] {0, 0.25, 0.5, 1}, 2, 2));
        assertArrayEquals(new double[][] {{0, 0.25}, {0.5, 1}}, NpyImages.readRows(file));
    }

    @Test
    void refusesFloatsOutsideTheUnitInterval() throws IOException {
        Path file = write("bad.npy", NpyArray.ofFloats(new float[] {0, 255}, 1, 2));
        IOException e = assertThrows(IOException.class, () -> NpyImages.readRows(file));
        assertEquals(file + ": pixel 1 of image 0 is 255.0, outside [0, 1] (float images must be scaled to [0, 1])",
            e.getMessage());
    }

    @Test
    void refusesWrongShapesAndTypes() throws IOException {
        Path flat = write("flat.npy", NpyArray.of(DType.UINT8, new int[] {1, 2}, 2));
        IOException shape = assertThrows(IOException.class, () -> NpyImages.readImages(flat));
        assertEquals(flat + ": expected uint8 images of shape [n, h, w] or [n, h, w, c] with c 1 or 3, got [2]",
            shape.getMessage());
        Path ints = write("ints.npy", NpyArray.ofInts(new int[] {1, 2}, 1, 2));
        IOException type = assertThrows(IOException.class, () -> NpyImages.readRows(ints));
        assertEquals(ints + ": images must be uint8, float32 or float64, not <i4", type.getMessage());
        IOException floats = assertThrows(IOException.class, () -> NpyImages.readImages(write("f.npy",
            NpyArray.ofDoubles(new double[] {0}, 1, 1, 1))));
        assertEquals(dir.resolve("f.npy") + ": images must be uint8, not <f8", floats.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("none.npy");
        IOException e = assertThrows(IOException.class, () -> NpyImages.readRows(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    private Path write(String name, NpyArray array) throws IOException {
        Path file = dir.resolve(name);
        Npy.write(file, array);
        return file;
    }
}
