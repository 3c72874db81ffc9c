package io.timelapse.platform.lm;

import static io.timelapse.platform.lm.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.platform.lm.cli.LmCommand;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code timelapse lm …} driven as the CLI would, with real run directories. */
class LmCommandsTest {

    @TempDir
    Path tmp;

    private CommandTester tester;
    private Path runsRoot;

    @BeforeEach
    void setUp() {
        runsRoot = tmp.resolve("runs");
        tester = new CommandTester(runsRoot);
    }

    /** The tester nests the command group in a group of its own: this runs {@code timelapse lm lm <args>}. */
    private Result lm(String... args) {
        return tester.execute("lm", new LmCommand(Fixtures.MODELS, Fixtures.COMPUTE, tester.runs(), null), args);
    }

    private String runJson() throws IOException {
        try (Stream<Path> files = Files.walk(runsRoot)) {
            List<Path> manifests = files.filter(p -> p.getFileName().toString().equals("run.json")).toList();
            assertEquals(1, manifests.size(), manifests.toString());
            return Files.readString(manifests.get(0));
        }
    }

    @Test
    void infoDescribesTheModelAndHashesItsWeights() {
        Result result = lm("info", "--model", Fixtures.tiny().toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("layers: 2, hidden: 64, heads: 4 (head dim 16), intermediate: 256"), result.out());
        assertTrue(result.out().contains("rotary: 0.25 of each head (4 dims), base 10000"), result.out());
        assertTrue(result.out().contains("residual: parallel"), result.out());
        assertTrue(result.out().contains("model.safetensors 665,504 bytes sha256 " + Fixtures.MODEL_SHA256), result.out());
    }

    @Test
    void logitsWritesFloat32AndRecordsTheWeightHashes() throws IOException {
        Path out = tmp.resolve("logits.npy");
        Result result = lm("logits", "--model", Fixtures.tiny().toString(), "--input", Fixtures.tiny("inputs.npy").toString(),
                "--batch-size", "3", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        NpyArray logits = Npy.read(out);
        assertEquals("<f4", logits.dtype().descriptor());
        assertArrayEquals(new long[] {8, 64, 512}, logits.shape());
        assertClose(Fixtures.npy("logits.npy").asFloatArray(), logits.asFloatArray(), 1e-4, "logits from the command");
        String manifest = runJson();
        assertTrue(manifest.contains(Fixtures.MODEL_SHA256), manifest);
        assertTrue(manifest.contains("\"status\" : \"succeeded\"") || manifest.contains("\"status\":\"succeeded\""), manifest);
        assertRecordsDeviceAndInputs("config.json", "model.safetensors", "inputs.npy");
    }

    /** run.json names the compute device and every input file, each with its sha256. */
    private void assertRecordsDeviceAndInputs(String... inputs) throws IOException {
        JsonNode run = new ObjectMapper().readTree(runJson());
        assertEquals(Fixtures.COMPUTE.device().summary(), run.path("device").asText());
        List<String> recorded = new ArrayList<>();
        run.path("inputs").forEach(input -> {
            assertEquals(64, input.path("sha256").asText().length(), input.toString());
            recorded.add(Path.of(input.path("path").asText()).getFileName().toString());
        });
        assertEquals(List.of(inputs), recorded);
    }

    @Test
    void generateBansEodAndSaysSo() throws IOException {
        Path out = tmp.resolve("generated.npy");
        Result result = lm("generate", "--model", Fixtures.tiny().toString(), "--prefix", Fixtures.tiny("prefixes.npy").toString(),
                "--new-tokens", "32", "--ban-token", "0", "--batch-size", "5", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("greedy with banned tokens [0]"), result.out());
        NpyArray generated = Npy.read(out);
        assertArrayEquals(new long[] {8, 32}, generated.shape());
        assertArrayEquals(Fixtures.npy("greedy_eos_suppressed.npy").asIntArray(), generated.asIntArray());
        assertRecordsDeviceAndInputs("config.json", "model.safetensors", "prefixes.npy");

        Path plain = tmp.resolve("plain.npy");
        Result plainResult = lm("generate", "--model", Fixtures.tiny().toString(), "--prefix", Fixtures.tiny("prefixes.npy").toString(),
                "--new-tokens", "32", "--no-cache", "--out", plain.toString());
        assertEquals(0, plainResult.exitCode(), plainResult.err());
        assertTrue(plainResult.out().contains("plain greedy (no token banned)"), plainResult.out());
        assertArrayEquals(Fixtures.npy("greedy_plain.npy").asIntArray(), Npy.read(plain).asIntArray());
    }

    @Test
    void trainWritesCheckpointsIntoTheRunDirectory() throws IOException {
        Path data = TrainingTest.rows(tmp.resolve("rows.npy"));
        Path config = tmp.resolve("config.json");
        io.timelapse.platform.lm.config.NeoXConfigFile.write(TrainingTest.CONFIG, config);
        Path run = tmp.resolve("train-run");
        Result result = lm("train", "--model-config", config.toString(), "--data", data.toString(), "--steps", "3", "--batch-size", "2",
                "--checkpoints", "steps:1", "--out", run.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("trained 3 steps"), result.out());
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/step1/model.safetensors")));
        assertTrue(Files.isRegularFile(run.resolve("checkpoints/step3/config.json")));
    }

    @Test
    void aBadInputFileIsNamed() throws IOException {
        Path floats = tmp.resolve("floats.npy");
        Npy.write(floats, NpyArray.ofFloats(new float[] {1, 2}, 1, 2));
        Result result = lm("logits", "--model", Fixtures.tiny().toString(), "--input", floats.toString(), "--out", tmp.resolve("x.npy").toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains(floats.toString()) && result.err().contains("integer token ids"), result.err());
    }
}
