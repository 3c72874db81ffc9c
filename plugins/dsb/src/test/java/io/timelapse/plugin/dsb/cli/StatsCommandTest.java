package io.timelapse.plugin.dsb.cli;

import static io.timelapse.plugin.dsb.Fixtures.assertClose;
import static io.timelapse.plugin.dsb.Fixtures.rows;
import static io.timelapse.plugin.dsb.Fixtures.vector;
import static io.timelapse.plugin.dsb.cli.TestData.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.dsb.stats.LinearShrinkage;
import io.timelapse.plugin.dsb.stats.QuantileTable;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code timelapse dsb stats} on an IDX folder whose training images are the embedded validation subset, so that its
 * class means are the goldens' validation means at 14x14 and its covariances those of the goldens' validation images.
 */
class StatsCommandTest {

    @TempDir
    Path tmp;

    private CommandTester tester;
    private Path data;

    @BeforeEach
    void setUp() throws IOException {
        tester = new CommandTester(tmp.resolve("runs"));
        data = TestData.fashionMnistFolder(tmp.resolve("fashion"));
    }

    private CommandTester.Result stats(String... args) {
        return tester.execute("dsb", new StatsCommand(tester.runs()), args);
    }

    /** The shrunk covariance of rows, computed here with plain loops. */
    private static DMatrixRMaj shrunkCovariance(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int p = 0; p < d; p++) {
                mean[p] += row[p] / n;
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    cov.add(i, j, (row[i] - mean[i]) * (row[j] - mean[j]) / n);
                }
            }
        }
        return LinearShrinkage.of(cov, n).apply();
    }

    @Test
    void writesMeansShrunkCovariancesAndQuantilesAt14x14() throws IOException {
        Path out = tmp.resolve("out");
        CommandTester.Result result = stats("--data", data.toString(), "--size", "14", "--classes", "0,1",
                "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertClose(vector("fm14_conrad_mu_val_c0"), TestData.read(out.resolve("mean_c0.npy")).asDoubleArray(), 1e-15,
                "mean 0");
        assertClose(vector("fm14_bshift_target_mean_c1_val"), TestData.read(out.resolve("mean_c1.npy")).asDoubleArray(),
                1e-15, "mean 1");
        NpyArray cov = TestData.read(out.resolve("cov_c0.npy"));
        assertEquals(DType.FLOAT64, cov.dtype());
        assertArrayEquals(new long[] {196, 196}, cov.shape());
        double[][] class0 = rows("fm14_bshift_inputs_c0_val");
        assertClose(shrunkCovariance(class0).data, cov.asDoubleArray(), 1e-15, "cov 0");
        NpyArray lut = TestData.read(out.resolve("qlut_c0.npy"));
        assertArrayEquals(new long[] {196, 256}, lut.shape());
        double[][] table = QuantileTable.fit(class0).table();
        assertArrayEquals(Arrays.stream(table).flatMapToDouble(Arrays::stream).toArray(), lut.asDoubleArray());
        assertFalse(Files.exists(out.resolve("mean_c2.npy")));
        JsonNode json = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        assertEquals(102, json.at("/classes/0/n").asInt());
        double alpha = LinearShrinkage.of(new DMatrixRMaj(1, 1), 1).alpha();
        assertTrue(alpha != json.at("/classes/0/alpha").asDouble());
        assertEquals(1 - json.at("/classes/0/alpha").asDouble(), json.at("/classes/0/beta").asDouble(), 1e-15);
        String run = Files.readString(out.resolve("run.json"));
        assertTrue(run.contains("train-images-idx3-ubyte") && run.contains("sha256"), run);
    }

    @Test
    void rgbStatisticsAreThoseOfTheReplicatedImages() throws IOException {
        Path out = tmp.resolve("rgb");
        assertEquals(0, stats("--data", data.toString(), "--size", "14", "--rgb", "--classes", "1",
                "--out", out.toString()).exitCode());
        double[] mean = TestData.read(out.resolve("mean_c1.npy")).asDoubleArray();
        assertEquals(588, mean.length);
        assertArrayEquals(Arrays.copyOf(mean, 196), Arrays.copyOfRange(mean, 392, 588));
        NpyArray cov = TestData.read(out.resolve("cov_c1.npy"));
        assertArrayEquals(new long[] {588, 588}, cov.shape());
        JsonNode json = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        double alpha = json.at("/classes/1/alpha").asDouble();
        double c = cov.getDouble(0) - cov.getDouble(196);
        // Off-diagonal channel blocks are alpha S, the diagonal ones alpha S + c I, c = beta tr(S) / d.
        assertTrue(alpha > 0.5 && alpha < 1 && c > 0, alpha + " " + c);
        assertEquals(cov.getDouble(5 * 588 + 7), cov.getDouble((5 + 196) * 588 + 7 + 392), 1e-18);
    }

    @Test
    void withoutShrinkageWritesTheMaximumLikelihoodCovariance() throws IOException {
        Path out = tmp.resolve("mle");
        assertEquals(0, stats("--data", data.toString(), "--size", "2", "--classes", "3", "--no-shrinkage",
                "--out", out.toString()).exitCode());
        JsonNode json = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        assertEquals(1.0, json.at("/classes/3/alpha").asDouble());
        assertEquals(0.0, json.at("/classes/3/beta").asDouble());
        assertArrayEquals(new long[] {4, 4}, TestData.read(out.resolve("cov_c3.npy")).shape());
    }

    @Test
    void aSingularCovarianceWithoutShrinkageIsAFailure() {
        CommandTester.Result result = stats("--data", data.toString(), "--size", "14", "--classes", "0",
                "--no-shrinkage", "--out", tmp.resolve("singular").toString());
        assertError(result, 1, "--data " + data + ": class 0: the covariance without shrinkage is singular (102 training"
                + " images of 196 values)");
    }

    @Test
    void anEmptyClassIsAUsageError() {
        CommandTester.Result result = stats("--data", data.toString(), "--classes", "0,12", "--out",
                tmp.resolve("empty").toString());
        assertError(result, 2, "--classes 12: --data " + data + " has no training images of class 12");
        assertFalse(Files.exists(tmp.resolve("empty")), "no run directory");
    }

    @Test
    void aWrongIdxMagicNamesTheFile() throws IOException {
        Path file = data.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(file);
        bytes[3] = 0x01;
        Files.write(file, bytes);
        assertError(stats("--data", data.toString()), 2,
                "--data " + file + ": not an IDX image file (magic 0x00000801, expected 0x00000803)");
    }

    @Test
    void aTruncatedFileNamesTheFile() throws IOException {
        Path file = data.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 100));
        assertError(stats("--data", data.toString()), 2, "--data " + file + ": truncated: the header announces 1024"
                + " images of 28x28");
    }

    @Test
    void aLabelCountThatDiffersFromTheImageCountNamesBothFiles() throws IOException {
        Path labels = data.resolve("train-labels-idx1-ubyte");
        Files.write(labels, TestData.labelFile(new int[1000]));
        assertError(stats("--data", data.toString()), 2, "--data " + labels + ": 1000 labels, but "
                + data.resolve("train-images-idx3-ubyte") + " has 1024 images");
    }

    @Test
    void missingDataAndBadSizesAreUsageErrors() {
        Path missing = tmp.resolve("nothing");
        assertError(stats("--data", missing.toString()), 2, "--data " + missing + ": no such file or directory");
        assertError(stats("--data", data.toString(), "--size", "13"), 2,
                "--size 13: the images are 28x28, which cannot be average-pooled to 13x13");
        assertError(stats("--data", data.toString(), "--classes", "-1"), 2, "--classes -1: class labels are 0 or more");
        assertFalse(Files.exists(tmp.resolve("runs")), "no run directory");
    }

    @Test
    void theDefaultDataSaysHowToInstallIt() {
        // Whether or not Fashion-MNIST is installed here, errors about the default location say how to install it.
        assertEquals(" (apt-get install dataset-fashion-mnist installs Fashion-MNIST there)",
                ImageDataOptions.installHint(Path.of("/usr/share/datasets/fashion-mnist")));
        assertEquals("", ImageDataOptions.installHint(tmp));
    }
}
