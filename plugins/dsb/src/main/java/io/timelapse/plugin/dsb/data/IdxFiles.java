package io.timelapse.plugin.dsb.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** The IDX files of MNIST and Fashion-MNIST (uint8 images and labels, big-endian header), gzipped or not. */
public final class IdxFiles {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxFiles() {}

    /** An image file and its label file, which must hold the same number of items. */
    public static LabeledImages read(Path imageFile, Path labelFile) throws IOException {
        return labeled(readImages(imageFile), imageFile.toString(), readLabels(labelFile), labelFile.toString());
    }

    /** The same from the bytes of both files (gzipped or not); errors name {@code imageSource} or {@code labelSource}. */
    public static LabeledImages read(byte[] imageFile, String imageSource, byte[] labelFile, String labelSource)
            throws IOException {
        return labeled(readImages(DataFiles.gunzipIfNeeded(imageFile, imageSource), imageSource), imageSource,
            readLabels(DataFiles.gunzipIfNeeded(labelFile, labelSource), labelSource), labelSource);
    }

    private static LabeledImages labeled(ImageArray images, String imageSource, int[] labels, String labelSource)
            throws IOException {
        if (labels.length != images.count()) {
            throw new IOException(labelSource + ": " + labels.length + " labels, but " + imageSource + " has "
                + images.count() + " images");
        }
        return new LabeledImages(images, labels);
    }

    public static ImageArray readImages(Path file) throws IOException {
        return readImages(DataFiles.readAll(file), file.toString());
    }

    public static int[] readLabels(Path file) throws IOException {
        return readLabels(DataFiles.readAll(file), file.toString());
    }

    private static ImageArray readImages(byte[] bytes, String file) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(bytes);
        checkHeader(file, data, IMAGES_MAGIC, "image", 16);
        int count = dimension(file, data, "image count");
        int rows = dimension(file, data, "row count");
        int cols = dimension(file, data, "column count");
        if (rows == 0 || cols == 0) {
            throw new IOException(file + ": images of " + rows + "x" + cols + " pixels");
        }
        long expected = (long) count * rows * cols;
        checkLength(file, data.remaining(), expected, count + " images of " + rows + "x" + cols);
        byte[] pixels = new byte[(int) expected];
        data.get(pixels);
        return new ImageArray(count, 1, rows, cols, pixels);
    }

    private static int[] readLabels(byte[] bytes, String file) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(bytes);
        checkHeader(file, data, LABELS_MAGIC, "label", 8);
        int count = dimension(file, data, "label count");
        checkLength(file, data.remaining(), count, count + " labels");
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = data.get() & 0xff;
        }
        return labels;
    }

    private static void checkHeader(String file, ByteBuffer data, int magic, String kind, int headerBytes)
            throws IOException {
        if (data.remaining() < 4) {
            throw new IOException(file + ": not an IDX " + kind + " file (" + data.remaining() + " bytes)");
        }
        int found = data.getInt();
        if (found != magic) {
            throw new IOException(String.format("%s: not an IDX %s file (magic 0x%08x, expected 0x%08x)", file, kind,
                found, magic));
        }
        if (data.remaining() < headerBytes - 4) {
            throw new IOException(file + ": truncated IDX header (" + (data.remaining() + 4) + " of " + headerBytes
                + " bytes)");
        }
    }

    private static int dimension(String file, ByteBuffer data, String what) throws IOException {
        int value = data.getInt();
        if (value < 0) {
            throw new IOException(file + ": negative " + what + " " + value + " in the IDX header");
        }
        return value;
    }

    private static void checkLength(String file, int actual, long expected, String what) throws IOException {
        if (actual < expected) {
            throw new IOException(file + ": truncated: the header announces " + what + " (" + expected
                + " bytes of data) but the file has " + actual);
        }
        if (actual > expected) {
            throw new IOException(file + ": " + (actual - expected) + " bytes after the " + what
                + " the header announces");
        }
    }
}
