package io.timelapse.plugin.dsb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.dsb.data.FashionMnist;
import io.timelapse.plugin.dsb.data.LabeledImages;
import io.timelapse.plugin.dsb.data.ValidationSplit;
import io.timelapse.testkit.CommandTester;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Data for the command tests, written where a test asks: a Fashion-MNIST-shaped IDX folder made of the embedded
 * validation subset, so that no test needs the full data set. Its training split is the 1024 validation images
 * (plain IDX); its test split (gzipped) has 10000 images with the validation images at the paper's validation
 * indices, so the commands find the real validation subset, in its order.
 */
final class TestData {

    private TestData() {}

    static Path fashionMnistFolder(Path dir) throws IOException {
        LabeledImages validation = FashionMnist.validation();
        byte[] pixels = validation.images().pixels();
        int size = validation.images().size();
        Files.createDirectories(dir);
        Files.write(dir.resolve("train-images-idx3-ubyte"), imageFile(1024, pixels));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labelFile(validation.labels()));
        int[] indices = ValidationSplit.paper(10_000);
        byte[] testPixels = new byte[10_000 * size];
        int[] testLabels = new int[10_000];
        for (int i = 0; i < 10_000; i++) {
            int from = i % 1024;
            System.arraycopy(pixels, from * size, testPixels, i * size, size);
            testLabels[i] = validation.labels()[from];
        }
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(pixels, k * size, testPixels, indices[k] * size, size);
            testLabels[indices[k]] = validation.labels()[k];
        }
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(imageFile(10_000, testPixels)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labelFile(testLabels)));
        return dir;
    }

    static byte[] imageFile(int count, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(0x803).putInt(count).putInt(28).putInt(28).put(pixels)
                .array();
    }

    static byte[] labelFile(int[] labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length).putInt(0x801).putInt(labels.length);
        for (int label : labels) {
            buffer.put((byte) label);
        }
        return buffer.array();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    /** A golden file of src/test/resources/dsb as a path. */
    static Path golden(String name) {
        try {
            return Path.of(TestData.class.getResource("/dsb/" + name + ".npy").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static NpyArray read(Path file) throws IOException {
        return Npy.read(file);
    }

    /** Asserts a clean usage or failure: the exit code, the message, and no stack trace. */
    static void assertError(CommandTester.Result result, int exitCode, String message) {
        assertEquals(exitCode, result.exitCode(), result.err());
        assertFalse(result.stackTrace(), result.err());
        if (!result.err().contains(message)) {
            throw new AssertionError("expected '" + message + "' in: " + result.err());
        }
    }
}
