package io.timelapse.plugin.dsb.cli;

import static io.timelapse.plugin.dsb.cli.TestData.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.dsb.data.ValidationSplit;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data sources of {@link ImageDataOptions} besides IDX folders, through {@code dsb stats}. */
class ImageDataOptionsTest {

    @TempDir
    Path tmp;

    private CommandTester tester;

    @BeforeEach
    void setUp() {
        tester = new CommandTester(tmp.resolve("runs"));
    }

    private CommandTester.Result stats(String... args) {
        return tester.execute("dsb", new StatsCommand(tester.runs()), args);
    }

    private static JsonNode json(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("stats.json").toFile());
    }

    @Test
    void aNpyFileGivesItsValidationSubsetAndTrainsOnTheRest() throws IOException {
        int n = 1100;
        byte[] pixels = new byte[n * 64];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) ((i * 31 + i / 64 * 7) % 256);
        }
        int[] labels = IntStream.range(0, n).map(i -> i % 3).toArray();
        Path images = tmp.resolve("images.npy");
        Path labelFile = tmp.resolve("labels.npy");
        Npy.write(images, NpyArray.of(DType.UINT8, IntStream.range(0, pixels.length).map(i -> pixels[i] & 0xff)
                .toArray(), n, 8, 8));
        Npy.write(labelFile, NpyArray.ofLongs(Arrays.stream(labels).asLongStream().toArray(), n));
        Path out = tmp.resolve("npy");
        CommandTester.Result result = stats("--data", images.toString(), "--labels", labelFile.toString(), "--out",
                out.toString());
        assertEquals(0, result.exitCode(), result.err());
        boolean[] held = new boolean[n];
        for (int i : ValidationSplit.paper(n)) {
            held[i] = true;
        }
        for (int k = 0; k < 3; k++) {
            int c = k;
            long expected = IntStream.range(0, n).filter(i -> !held[i] && labels[i] == c).count();
            assertEquals(expected, json(out).at("/classes/" + k + "/n").asLong(), "class " + k);
        }
        double[] mean0 = TestData.read(out.resolve("mean_c0.npy")).asDoubleArray();
        int[] train0 = IntStream.range(0, n).filter(i -> !held[i] && labels[i] == 0).toArray();
        double expected = Arrays.stream(train0).mapToDouble(i -> (pixels[i * 64 + 5] & 0xff) / 255.0).sum()
                / train0.length;
        assertEquals(expected, mean0[5], 1e-15);

        Path few = tmp.resolve("few.npy");
        Npy.write(few, NpyArray.ofLongs(new long[5], 5));
        assertError(stats("--data", images.toString(), "--labels", few.toString()), 2,
                "--labels " + few + ": 5 labels, but --data " + images + " has 1100 images");
        assertError(stats("--data", images.toString()), 2, "--labels: needed with the .npy --data file " + images);
    }

    @Test
    void aCifarFolderTrainsOnItsBatchesAndValidatesOnItsTestBatch() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("cifar"));
        Files.write(folder.resolve("data_batch_1.bin"), cifar(30, 0));
        Files.write(folder.resolve("data_batch_2.bin"), cifar(20, 1));
        Files.write(folder.resolve("test_batch.bin"), cifar(1024, 2));
        Path out = tmp.resolve("c");
        CommandTester.Result result = stats("--data", folder.toString(), "--size", "4", "--classes", "0", "--out",
                out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(25, json(out).at("/classes/0/n").asInt(), "every other record of both batches");
        assertArrayEquals(new long[] {48}, TestData.read(out.resolve("mean_c0.npy")).shape());
        assertEquals(3, json(out).at("/channels").asInt());
        assertError(stats("--data", folder.toString(), "--rgb"), 2, "--rgb: the images of --data " + folder
                + " already have 3 channels");
    }

    /** CIFAR-10 records with labels 0, 1, 0, 1, … and pixels that depend on the record. */
    private static byte[] cifar(int records, int salt) {
        byte[] data = new byte[records * 3073];
        for (int r = 0; r < records; r++) {
            data[r * 3073] = (byte) (r % 2);
            for (int p = 1; p < 3073; p++) {
                data[r * 3073 + p] = (byte) ((r * 13 + p * 7 + salt) % 256);
            }
        }
        return data;
    }
}
