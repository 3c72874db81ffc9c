package io.timelapse.plugin.dsb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {

    @TempDir
    Path dir;

    /** Three 2x3 images whose pixels count up from 250 (wrapping), so byte values above 127 occur. */
    private static final byte[] PIXELS = pixels(18);

    @Test
    void readsPlainImagesAndLabels() throws IOException {
        Path images = write("images.idx", imageFile(3, 2, 3, PIXELS));
        Path labels = write("labels.idx", labelFile(new byte[] {7, 0, 9}));
        LabeledImages data = IdxFiles.read(images, labels);
        assertEquals(3, data.count());
        assertEquals(1, data.images().channels());
        assertEquals(2, data.images().height());
        assertEquals(3, data.images().width());
        assertArrayEquals(new int[] {7, 0, 9}, data.labels());
        assertEquals(250, data.images().pixel(0, 0));
        assertEquals(255, data.images().pixel(0, 5));
        assertEquals(0, data.images().pixel(1, 0));
        assertEquals(11, data.images().pixel(2, 5));
    }

    @Test
    void readsGzippedFiles() throws IOException {
        Path images = write("images.idx.gz", gzip(imageFile(3, 2, 3, PIXELS)));
        Path labels = write("labels.idx.gz", gzip(labelFile(new byte[] {1, 2, 3})));
        LabeledImages data = IdxFiles.read(images, labels);
        assertArrayEquals(PIXELS, data.images().pixels());
        assertArrayEquals(new int[] {1, 2, 3}, data.labels());
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        Path labels = write("labels.idx", labelFile(new byte[] {1}));
        IOException e = assertThrows(IOException.class, () -> IdxFiles.readImages(labels));
        assertEquals(labels + ": not an IDX image file (magic 0x00000801, expected 0x00000803)", e.getMessage());
        Path images = write("images.idx", imageFile(1, 1, 1, new byte[1]));
        e = assertThrows(IOException.class, () -> IdxFiles.readLabels(images));
        assertEquals(images + ": not an IDX label file (magic 0x00000803, expected 0x00000801)", e.getMessage());
    }

    @Test
    void truncatedImagesAreRefused() throws IOException {
        byte[] full = imageFile(3, 2, 3, PIXELS);
        Path file = write("cut.idx", Arrays.copyOf(full, full.length - 4));
        IOException e = assertThrows(IOException.class, () -> IdxFiles.readImages(file));
        assertEquals(file + ": truncated: the header announces 3 images of 2x3 (18 bytes of data) but the file has 14",
            e.getMessage());
        Path gz = write("cut.idx.gz", Arrays.copyOf(gzip(full), 20));
        e = assertThrows(IOException.class, () -> IdxFiles.readImages(gz));
        assertEquals(gz + ": corrupt gzip data (Unexpected end of ZLIB input stream)", e.getMessage());
        Path header = write("header.idx", Arrays.copyOf(full, 10));
        e = assertThrows(IOException.class, () -> IdxFiles.readImages(header));
        assertEquals(header + ": truncated IDX header (10 of 16 bytes)", e.getMessage());
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        byte[] labels = labelFile(new byte[] {1, 2});
        Path file = write("long.idx", Arrays.copyOf(labels, labels.length + 3));
        IOException e = assertThrows(IOException.class, () -> IdxFiles.readLabels(file));
        assertEquals(file + ": 3 bytes after the 2 labels the header announces", e.getMessage());
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        Path images = write("images.idx", imageFile(3, 2, 3, PIXELS));
        Path labels = write("labels.idx", labelFile(new byte[] {1, 2}));
        IOException e = assertThrows(IOException.class, () -> IdxFiles.read(images, labels));
        assertEquals(labels + ": 2 labels, but " + images + " has 3 images", e.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("absent.idx");
        IOException e = assertThrows(IOException.class, () -> IdxFiles.readLabels(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    static byte[] pixels(int n) {
        byte[] pixels = new byte[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = (byte) (250 + i);
        }
        return pixels;
    }

    static byte[] imageFile(int count, int rows, int cols, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(IdxFiles.IMAGES_MAGIC).putInt(count).putInt(rows)
            .putInt(cols).put(pixels).array();
    }

    static byte[] labelFile(byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(IdxFiles.LABELS_MAGIC).putInt(labels.length).put(labels)
            .array();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private Path write(String name, byte[] data) throws IOException {
        return Files.write(dir.resolve(name), data);
    }
}
