package io.timelapse.plugin.dsb.cli;

import static io.timelapse.plugin.dsb.Fixtures.assertClose;
import static io.timelapse.plugin.dsb.Fixtures.matrix;
import static io.timelapse.plugin.dsb.Fixtures.rows;
import static io.timelapse.plugin.dsb.Fixtures.vector;
import static io.timelapse.plugin.dsb.cli.TestData.assertError;
import static io.timelapse.plugin.dsb.cli.TestData.golden;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.dsb.Fixtures;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code timelapse dsb edit} against the 14x14 goldens: the Gaussian and quantile edits from the goldens' training
 * statistics (given as a stats run directory), the bounded shift from the embedded validation subset.
 */
class EditCommandTest {

    @TempDir
    Path tmp;

    private CommandTester tester;
    private Path stats;

    @BeforeEach
    void setUp() throws IOException {
        tester = new CommandTester(tmp.resolve("runs"));
        stats = Files.createDirectories(tmp.resolve("stats"));
        for (String name : new String[] {"mean_c0", "mean_c1", "cov_c0", "cov_c1", "qlut_c0", "qlut_c1"}) {
            Files.copy(golden("fm14_" + name), stats.resolve(name + ".npy"));
        }
    }

    private CommandTester.Result edit(String... args) {
        return tester.execute("dsb", new EditCommand(tester.runs()), args);
    }

    private static double[][] rowsOf(Path file) throws IOException {
        NpyArray array = TestData.read(file);
        int n = (int) array.dim(0);
        int d = (int) array.dim(1);
        double[][] rows = new double[n][];
        double[] flat = array.asDoubleArray();
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return rows;
    }

    @Test
    void gaussianEditAndMapMatchTheGoldens() throws IOException {
        Path out = tmp.resolve("got");
        CommandTester.Result result = edit("--method", "gaussian", "--source", "0", "--target", "1", "--stats",
                stats.toString(), "--images", golden("fm14_got_inputs_c0").toString(), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertClose(rows("fm14_got_outputs_c0_to_c1"), rowsOf(out.resolve("got_outputs_c0_to_c1.npy")), 1e-8,
                "edited");
        NpyArray a = TestData.read(out.resolve("ot_A_c0_to_c1.npy"));
        assertArrayEquals(new long[] {196, 196}, a.shape());
        assertClose(matrix("fm14_ot_A_c0_to_c1").data, a.asDoubleArray(), 1e-8, "A");
        assertClose(vector("fm14_ot_b_c0_to_c1"), TestData.read(out.resolve("ot_b_c0_to_c1.npy")).asDoubleArray(),
                1e-8, "b");
        String run = Files.readString(out.resolve("run.json"));
        assertEquals(true, run.contains("cov_c1.npy") && run.contains("fm14_got_inputs_c0.npy"), run);
    }

    @Test
    void quantileEditMatchesTheGoldens() throws IOException {
        Path out = tmp.resolve("cqn");
        assertEquals(0, edit("--method", "cqn", "--source", "0", "--target", "1", "--stats", stats.toString(),
                "--images", golden("fm14_got_inputs_c0").toString(), "--out", out.toString()).exitCode());
        assertClose(rows("fm14_cqn_outputs_c0_to_c1"), rowsOf(out.resolve("cqn_outputs_c0_to_c1.npy")), 0, "edited");
        assertArrayEquals(Fixtures.longs("fm14_cqn_indices_c0_to_c1"),
                TestData.read(out.resolve("cqn_indices_c0_to_c1.npy")).asLongArray());
    }

    @Test
    void boundedShiftOfTheValidationImagesMatchesTheGolden() throws IOException {
        Path data = TestData.fashionMnistFolder(tmp.resolve("fashion"));
        Path out = tmp.resolve("shift");
        CommandTester.Result result = edit("--method", "bounded-shift", "--source", "0", "--target", "1", "--data",
                data.toString(), "--size", "14", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertClose(rows("fm14_bshift_outputs_c0_to_c1"), rowsOf(out.resolve("bshift_outputs_c0_to_c1.npy")), 1e-7,
                "shifted");
    }

    @Test
    void aGaussianEditOfAClassOntoItselfIsTheIdentity() throws IOException {
        Path data = TestData.fashionMnistFolder(tmp.resolve("fashion"));
        Path out = tmp.resolve("self");
        assertEquals(0, edit("--method", "gaussian", "--source", "2", "--target", "2", "--data", data.toString(),
                "--size", "7", "--out", out.toString()).exitCode());
        double[][] edited = rowsOf(out.resolve("got_outputs_c2_to_c2.npy"));
        NpyArray a = TestData.read(out.resolve("ot_A_c2_to_c2.npy"));
        double[] identity = new double[49 * 49];
        for (int i = 0; i < 49; i++) {
            identity[i * 49 + i] = 1;
        }
        assertClose(identity, a.asDoubleArray(), 1e-9, "A 2->2");
        assertEquals(edited.length, java.util.stream.IntStream.of(io.timelapse.plugin.dsb.data.FashionMnist.validation()
                .labels()).filter(l -> l == 2).count());
    }

    @Test
    void badInputIsAClearUsageError() throws IOException {
        assertError(edit("--method", "gaussian", "--source", "0", "--target", "3", "--stats", stats.toString(),
                "--images", golden("fm14_got_inputs_c0").toString()), 2,
                "--stats " + stats + ": no mean_c3.npy (timelapse dsb stats writes it");
        assertError(edit("--method", "gaussian", "--source", "0", "--target", "1", "--stats", stats.toString(),
                "--images", golden("fm14_ics_bin_indices_c0").toString()), 2,
                "--images " + golden("fm14_ics_bin_indices_c0") + ": images must be uint8, float32 or float64");
        assertError(edit("--method", "gaussian", "--source", "0", "--target", "1", "--stats", stats.toString(),
                "--images", golden("fm14_qlut_c0").toString()), 2, "values, but the statistics are of 196");
        assertError(edit("--method", "shift", "--source", "0", "--target", "1"), 2,
                "expected gaussian, cqn or bounded-shift, not 'shift'");
        Path missing = tmp.resolve("missing.npy");
        assertError(edit("--method", "cqn", "--source", "0", "--target", "1", "--stats", stats.toString(), "--images",
                missing.toString()), 2, "--images " + missing + ": no such file");
        assertFalse(Files.exists(tmp.resolve("runs")), "no run directory");
    }
}
