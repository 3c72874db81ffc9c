package io.timelapse.plugin.dsb.cli;

import static io.timelapse.plugin.dsb.cli.TestData.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.dsb.data.FashionMnist;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code timelapse dsb sample} on an IDX folder made of the embedded validation subset. */
class SampleCommandTest {

    @TempDir
    Path tmp;

    private CommandTester tester;
    private Path data;

    @BeforeEach
    void setUp() throws IOException {
        tester = new CommandTester(tmp.resolve("runs"));
        data = TestData.fashionMnistFolder(tmp.resolve("fashion"));
    }

    private CommandTester.Result sample(String... args) {
        return tester.execute("dsb", new SampleCommand(tester.runs()), args);
    }

    @Test
    void gaussianSamplesAreSeededFloat64WithLabels() throws IOException {
        Path first = tmp.resolve("g1");
        CommandTester.Result result = sample("--data", data.toString(), "--size", "14", "--set", "gaussian",
                "--count", "20", "--seed", "5", "--out", first.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("20 gaussian images of 1x14x14"), result.out());
        NpyArray samples = TestData.read(first.resolve("samples.npy"));
        assertEquals(DType.FLOAT64, samples.dtype());
        assertArrayEquals(new long[] {20, 196}, samples.shape());
        NpyArray labels = TestData.read(first.resolve("labels.npy"));
        assertEquals(DType.INT64, labels.dtype());
        assertArrayEquals(new long[] {20}, labels.shape());
        assertTrue(Arrays.stream(labels.asLongArray()).allMatch(k -> k >= 0 && k < 10));
        Path again = tmp.resolve("g2");
        sample("--data", data.toString(), "--size", "14", "--set", "gaussian", "--count", "20", "--seed", "5",
                "--out", again.toString());
        assertArrayEquals(samples.asDoubleArray(), TestData.read(again.resolve("samples.npy")).asDoubleArray());
        Path other = tmp.resolve("g3");
        sample("--data", data.toString(), "--size", "14", "--set", "gaussian", "--count", "20", "--seed", "6",
                "--out", other.toString());
        assertFalse(Arrays.equals(samples.asDoubleArray(), TestData.read(other.resolve("samples.npy")).asDoubleArray()));
        assertTrue(Files.readString(first.resolve("run.json")).contains("\"seed\" : 5"));
    }

    @Test
    void maxentHasAsManyImagesPerClassAsTheValidationSubset() throws IOException {
        Path out = tmp.resolve("maxent");
        assertEquals(0, sample("--data", data.toString(), "--size", "7", "--set", "maxent", "--out", out.toString())
                .exitCode());
        NpyArray samples = TestData.read(out.resolve("samples.npy"));
        assertArrayEquals(new long[] {1024, 49}, samples.shape());
        assertTrue(Arrays.stream(samples.asDoubleArray()).allMatch(v -> v >= 0 && v <= 1));
        long[] labels = TestData.read(out.resolve("labels.npy")).asLongArray();
        int[] validation = FashionMnist.validation().labels();
        for (int k = 0; k < 10; k++) {
            int c = k;
            assertEquals(IntStream.of(validation).filter(l -> l == c).count(),
                    Arrays.stream(labels).filter(l -> l == c).count(), "class " + k);
        }
    }

    @Test
    void independentSamplesAreQuantilesOfTheTrainingImages() throws IOException {
        Path out = tmp.resolve("ics");
        assertEquals(0, sample("--data", data.toString(), "--set", "independent", "--count", "3", "--rgb",
                "--out", out.toString()).exitCode());
        NpyArray samples = TestData.read(out.resolve("samples.npy"));
        assertArrayEquals(new long[] {3, 3 * 784}, samples.shape());
        // Every value is a pixel value of the training images interpolated between two of them, in [0, 1].
        assertTrue(Arrays.stream(samples.asDoubleArray()).allMatch(v -> v >= 0 && v <= 1));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertError(sample("--data", data.toString(), "--set", "gaussian", "--count", "0"), 2,
                "--count 0: must be at least 1");
        assertError(sample("--data", data.toString(), "--set", "third"), 2, "--set");
        assertFalse(Files.exists(tmp.resolve("runs")), "no run directory");
    }
}
