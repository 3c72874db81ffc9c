package io.timelapse.plugin.dsb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import io.timelapse.testkit.HelpCheck;
import io.timelapse.testkit.PluginCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench dsb} on the embedded images (1024 training images), without PyTorch or with a fake one: what it records and its bad input. */
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
                "--convnext-steps", "2", "--no-pytorch", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("results");
        assertTrue(results.get("machine").asText().contains("cores"), results.toString());
        assertTrue(results.has("load_average_before") && results.has("load_average_after"), results.toString());
        assertEquals("--no-pytorch was given", results.get("pytorch_not_measured").asText());
        assertTrue(result.out().contains("pytorch_not_measured"), result.out());
        assertEquals(3, results.get("mlp_steps").asInt());
        assertEquals(0.312214, results.get("mlp_step_gflop").asDouble(), 1e-9, "6 * (784 * 512 + 512 * 10) * 128 FLOPs");
        assertEquals(3_388_810, results.get("convnext_params").asLong());
        assertEquals(2, results.get("convnext_steps").asInt());
        for (String key : new String[] {"matmul_2048_gflops", "mlp_gflops", "convnext_gflops", "mlp_epoch_fraction_of_matmul",
            "mlp_step_fraction_of_matmul", "convnext_step_fraction_of_matmul"}) {
            assertTrue(results.get(key).asDouble() > 0, key + " = " + results.get(key));
        }
        double epoch = results.get("mlp_epoch_s_median").asDouble();
        assertEquals(3 * 0.312214 / epoch, results.get("mlp_gflops").asDouble(), 1e-3 * results.get("mlp_gflops").asDouble(),
                "the epoch's GFLOP/s");
        assertEquals(List.of("mlp_epoch", "mlp_step", "convnext_step", "stats_cholesky"), names(results.get("metrics")));
        assertRow(results.get("metrics").get(1), "mlp_step", "ms", 3);
        assertTrue(results.get("mlp_step_ms_max").asDouble() <= epoch * 1e3, "a step within the epoch");
        assertRow(results.get("metrics").get(2), "convnext_step", "s", 2);
        assertRow(results.get("metrics").get(3), "stats_cholesky", "s", 1);
        assertFalse(results.has("probe_s_median"), "probe was not asked for");
        assertFalse(results.has("mlp_step_speedup_vs_pytorch"), "PyTorch was not measured");
    }

    /** The fake reference prints the epoch, two MLP steps and one statistics figure: each sits beside ours. */
    @Test
    void setsTheReferencesFiguresBesideOurs() throws IOException {
        Path out = tmp.resolve("run");
        Result result = bench("--data", data.toString(), "--parts", "mlp,stats", "--mlp-steps", "2", "--python",
                fakePython("{\"torch\": \"9.9\", \"threads\": 2, \"mlp_epoch_s\": 0.5, \"mlp_step_ms\": [4.0, 6.0],"
                        + " \"stats_cholesky_s\": 2.0}"), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("results");
        assertEquals("9.9", results.get("pytorch_version").asText());
        assertEquals(2, results.get("pytorch_threads").asInt());
        assertEquals(List.of("mlp_epoch", "mlp_step", "stats_cholesky"), names(results.get("metrics")));
        assertEquals(0.5, results.get("pytorch_mlp_epoch_s_max").asDouble());
        assertEquals(4.0, results.get("pytorch_mlp_step_ms_min").asDouble());
        assertEquals(5.0, results.get("pytorch_mlp_step_ms_median").asDouble());
        assertEquals(6.0, results.get("pytorch_mlp_step_ms_max").asDouble());
        assertEquals(2.0, results.get("pytorch_stats_cholesky_s_median").asDouble());
        JsonNode step = results.get("metrics").get(1);
        assertEquals("pytorch", step.get("reference").asText());
        assertEquals(2, step.get("repeats").asInt());
        assertEquals(5.0 / results.get("mlp_step_ms_median").asDouble(), step.get("speedup").asDouble(), 1e-3 * step.get("speedup").asDouble());
        assertEquals(step.get("speedup").asDouble(), results.get("mlp_step_speedup_vs_pytorch").asDouble());
        assertEquals(0.5 / results.get("mlp_epoch_s_median").asDouble(), results.get("mlp_epoch_speedup_vs_pytorch").asDouble(),
                1e-3 * results.get("mlp_epoch_speedup_vs_pytorch").asDouble());
        assertTrue(result.out().contains("pytorch 4 / 5 / 6"), result.out());
    }

    @Test
    void aReferenceWithoutTorchSaysWhy() throws IOException {
        Path out = tmp.resolve("run");
        Result result = bench("--data", data.toString(), "--parts", "stats", "--python",
                fakePython("{\"unavailable\": \"torch cannot be imported (no module)\"}"), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("results");
        assertEquals("torch cannot be imported (no module)", results.get("pytorch_not_measured").asText());
        assertTrue(results.get("metrics").get(0).get("reference").isNull(), results.toString());
    }

    /** A Python that ignores the reference script and prints {@code json}. */
    private String fakePython(String json) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        Path script = Files.writeString(tmp.resolve("fake_torch.py"), "print('" + json + "')\n");
        Path python = Files.writeString(tmp.resolve("python"), "#!/bin/sh\nexec /usr/bin/python3 " + script + "\n");
        assertTrue(python.toFile().setExecutable(true));
        return python.toString();
    }

    @Test
    void aPythonThatCannotStartIsANoteNotAFailure() throws IOException {
        Path out = tmp.resolve("run");
        Result result = bench("--data", data.toString(), "--parts", "stats", "--python", tmp.resolve("no-python").toString(),
                "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        JsonNode results = new ObjectMapper().readTree(out.resolve("run.json").toFile()).get("results");
        assertTrue(results.get("pytorch_not_measured").asText().startsWith(tmp.resolve("no-python") + " cannot be started"), results.toString());
        assertTrue(result.out().contains("stats_cholesky"), result.out());
        assertTrue(results.get("stats_cholesky_s_median").asDouble() > 0, results.toString());
    }

    private static List<String> names(JsonNode metrics) {
        List<String> names = new ArrayList<>();
        metrics.forEach(metric -> names.add(metric.get("metric").asText()));
        return names;
    }

    private static void assertRow(JsonNode row, String metric, String unit, int repeats) {
        assertEquals(metric, row.get("metric").asText(), row.toString());
        assertEquals(unit, row.get("unit").asText(), row.toString());
        assertEquals("lower", row.get("better").asText(), row.toString());
        assertEquals(repeats, row.get("repeats").asInt(), row.toString());
        assertTrue(0 < row.get("ours_min").asDouble() && row.get("ours_min").asDouble() <= row.get("ours_median").asDouble()
                && row.get("ours_median").asDouble() <= row.get("ours_max").asDouble(), row.toString());
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
