package io.timelapse.plugin.dsb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import io.timelapse.testkit.HelpCheck;
import io.timelapse.testkit.PluginCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench dsb} on the embedded images (1024 training images), without PyTorch: what it measures and its bad input. */
class BenchCommandTest {

    @TempDir
    Path tmp;

    private CommandTester tester;
    private Path data;

    @BeforeEach
    void setUp() throws IOException {
        tester = new CommandTester(tmp.resolve("runs"));
        data = TestCompute.embeddedDataFolder(tmp.resolve("fashion"));
    }

    private Result bench(String... args) {
        return tester.execute("bench", new BenchCommand(TestCompute.COMPUTE, tester.runs()), args);
    }

    @Test
    void measuresTheTrainingStepsStatisticsAndMatmulRateWithoutPyTorch() throws IOException {
        Path out = tmp.resolve("run");
        Result result = bench("--data", data.toString(), "--parts", "mlp,convnext,stats", "--mlp-steps", "3",
                "--convnext-steps", "1", "--no-pytorch", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(result.out().contains("note: --no-pytorch: measuring Timelapse only"), result.out());
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("results");
        assertEquals(3, results.get("mlp_steps").asInt());
        assertEquals(3_388_810, results.get("convnext_params").asLong());
        assertEquals(1, results.get("convnext_steps").asInt());
        for (String key : new String[] {"matmul_2048_gflops", "mlp_epoch_s", "mlp_gflops", "convnext_step_s_median", "stats_cholesky_s"}) {
            assertTrue(results.get(key).asDouble() > 0, key + " = " + results.get(key));
        }
        assertFalse(results.has("probe_s"), "probe was not asked for");
        assertEquals("not measured (--no-pytorch)", results.get("pytorch").asText());
    }

    @Test
    void aPythonThatCannotStartIsANoteNotAFailure() {
        Result result = bench("--data", data.toString(), "--parts", "stats", "--python", tmp.resolve("no-python").toString(),
                "--out", tmp.resolve("run").toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(result.out().contains("note: PyTorch not measured: " + tmp.resolve("no-python") + " cannot be started"), result.out());
        assertTrue(result.out().contains("stats_cholesky_s"), result.out());
    }

    @Test
    void helpIsComplete() {
        assertEquals(List.of(), HelpCheck.problems("dsb", PluginCommands.create(BenchCommand.class)));
    }

    @Test
    void anUnknownPartIsAUsageErrorBeforeAnyRun() {
        assertUsageError("--parts mlp,gpu: unknown part 'gpu'; the parts are mlp, convnext, stats, probe",
                "--parts", "mlp,gpu");
    }

    @Test
    void stepCountsBelowOneAreUsageErrors() {
        assertUsageError("--mlp-steps 0: must be at least 1", "--mlp-steps", "0");
        assertUsageError("--convnext-steps 0: must be at least 1", "--convnext-steps", "0");
        assertUsageError("--threads 0: must be at least 1", "--threads", "0");
    }

    @Test
    void aFolderWithoutFashionMnistIsAUsageErrorNamingTheFile() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Result result = tester.execute("bench", new BenchCommand(TestCompute.COMPUTE, tester.runs()), "--data", empty.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("--data " + empty + ": no Fashion-MNIST file train-images-idx3-ubyte.gz"), result.err());
        assertFalse(result.stackTrace(), result.err());
    }

    private void assertUsageError(String message, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--data";
        all[1] = data.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        Result result = bench(all);
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("error: " + message), result.err());
        assertFalse(result.stackTrace(), result.err());
        assertFalse(Files.exists(tmp.resolve("runs")) && tmp.resolve("runs").toFile().list().length > 0, "no run directory");
    }
}
