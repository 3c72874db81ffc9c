package io.timelapse.plugin.dsb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.checkpoint.Checkpoint;
import io.timelapse.lib.checkpoint.CheckpointDirectory;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.train.TrainingLoop;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dsb train} and {@code dsb probe} on a tiny run: the CSV, the checkpoints, resuming, re-probing and bad input. */
class TrainCommandTest {

    @TempDir
    Path tmp;

    private CommandTester tester;
    private Path data;

    @BeforeEach
    void setUp() throws IOException {
        tester = new CommandTester(tmp.resolve("runs"));
        data = TestCompute.embeddedDataFolder(tmp.resolve("fashion"));
    }

    private Result train(Path out, TrainingLoop.Listener listener, String... extra) {
        TrainCommand command = new TrainCommand(tester.runs(), TestCompute.COMPUTE);
        if (listener != null) {
            command.stepListener = listener;
        }
        String[] base = {"--data", data.toString(), "--size", "14", "--batch-size", "32", "--out", out.toString()};
        if (!List.of(extra).contains("--sets")) {
            base = concat(base, new String[] {"--sets", "real"});
        }
        if (!List.of(extra).contains("--max-steps")) {
            base = concat(base, new String[] {"--max-steps", "8"});
        }
        return tester.execute("dsb", command, concat(base, extra));
    }

    private Result probe(String... args) {
        return tester.execute("dsb", new ProbeCommand(tester.runs(), TestCompute.COMPUTE), args);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void tinyRunWritesThePapersCsvCheckpointsAndPlots() throws IOException {
        Path out = tmp.resolve("run");
        Result result = train(out, null);
        assertEquals(0, result.exitCode(), result.err() + result.out());
        List<String> csv = Files.readAllLines(out.resolve("probes.csv"));
        assertEquals("step,ds,net,arch,real_loss,real_accuracy", csv.get(0));
        assertEquals(5, csv.size(), csv.toString());
        long[] steps = {1, 2, 4, 8};
        for (int i = 0; i < steps.length; i++) {
            String[] cells = csv.get(i + 1).split(",");
            assertEquals(Long.toString(steps[i]), cells[0]);
            assertEquals("fashion", cells[1]);
            assertEquals("mlp", cells[2]);
            assertEquals("196-512-10", cells[3]);
            double loss = Double.parseDouble(cells[4]);
            double accuracy = Double.parseDouble(cells[5]);
            assertTrue(loss > 0 && loss < 5, csv.get(i + 1));
            // Accuracy over the 1024 images, every one scored: a whole multiple of 1/1024.
            assertEquals(Math.rint(accuracy * 1024), accuracy * 1024, 1e-9, csv.get(i + 1));
        }
        List<Long> written = new CheckpointDirectory(out.resolve("checkpoints")).list().stream().map(CheckpointDirectory.Entry::step).toList();
        assertEquals(List.of(1L, 2L, 4L, 8L), written);
        assertTrue(Files.size(out.resolve("accuracy_vs_step.png")) > 1000);
        assertTrue(Files.size(out.resolve("loss_vs_step.png")) > 1000);
        assertEquals(4, Files.readAllLines(out.resolve("probes.jsonl")).size());
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        // The paper's 2000 of 65536 warm-up steps scaled to 8 steps rounds to 0, so 1.
        assertEquals(1, run.get("results").get("warmup_steps").asInt());
        assertEquals("flip-crop", run.get("config").get("augment").asText(), run.toString());
        assertTrue(result.out().contains("probes: " + out.resolve("probes.csv")), result.out());
        assertFalse(result.stackTrace());
    }

    @Test
    void aStoppedRunResumesToTheWeightsAndScoresOfAnUninterruptedOne() throws IOException {
        Path whole = tmp.resolve("whole");
        assertEquals(0, train(whole, null).exitCode());
        Path stopped = tmp.resolve("stopped");
        Result first = train(stopped, new TrainingLoop.Listener() {
            @Override
            public void stepCompleted(long completedSteps, Map<String, Double> metrics) {
                if (completedSteps == 5) {
                    throw new IllegalStateException("stopped after step 5");
                }
            }
        });
        assertEquals(1, first.exitCode(), first.err());
        assertFalse(Files.exists(stopped.resolve("checkpoints/step-000000008.safetensors")));
        // As if the run had been killed between writing checkpoint 4 and scoring it: the resumed run scores it from the file.
        Files.delete(stopped.resolve("probes/step-000000004.json"));
        Result again = train(stopped, null);
        assertEquals(0, again.exitCode(), again.err() + again.out());
        assertTrue(again.out().contains("resumed from step 4"), again.out());
        assertTrue(again.out().contains("probe sets: real as saved in " + stopped.resolve("probe-sets")), again.out());
        assertWeightsEqual(whole.resolve("checkpoints/step-000000008.safetensors"), stopped.resolve("checkpoints/step-000000008.safetensors"));
        assertEquals(Files.readAllLines(whole.resolve("probes.csv")), Files.readAllLines(stopped.resolve("probes.csv")));
        Result done = train(stopped, null);
        assertEquals(0, done.exitCode(), done.err());
        assertTrue(done.out().contains("training in " + stopped + " is complete: 8 steps"), done.out());
    }

    private static void assertWeightsEqual(Path expected, Path actual) throws IOException {
        try (Checkpoint a = Checkpoint.open(expected); Checkpoint b = Checkpoint.open(actual)) {
            assertEquals(a.variableNames(), b.variableNames());
            for (String name : a.variableNames()) {
                assertArrayEquals(bytes(a.variable(name).data()), bytes(b.variable(name).data()), name);
            }
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void probingTheCheckpointsReproducesTheTrainingCsvExactly() throws IOException {
        Path out = tmp.resolve("run");
        String sets = "real,maxent,gaussian,cqn";
        assertEquals(0, train(out, null, "--model", "convnet", "--sets", sets).exitCode());
        Path probed = tmp.resolve("probed");
        Result result = probe("--checkpoints", out.toString(), "--data", data.toString(), "--size", "14", "--sets", sets, "--out", probed.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        List<String> csv = Files.readAllLines(probed.resolve("probes.csv"));
        assertEquals(Files.readAllLines(out.resolve("probes.csv")), csv);
        assertEquals("step,ds,net,arch,real_loss,real_accuracy,maxent_loss,maxent_accuracy,gaussian_loss,gaussian_accuracy,cqn_loss,cqn_accuracy",
            csv.get(0));
        assertTrue(csv.get(1).startsWith("1,fashion,convnet,c16-c32-fc128,"), csv.get(1));
        assertTrue(Files.size(probed.resolve("accuracy_vs_step.png")) > 1000);
    }

    @Test
    void probeScoresTheSetsTheTrainingRunSavedEvenWithoutTheData() throws IOException {
        Path out = tmp.resolve("run");
        String sets = "real,gaussian,got";
        assertEquals(0, train(out, null, "--sets", sets, "--max-steps", "2").exitCode());
        Path saved = out.resolve("probe-sets");
        JsonNode manifest = new ObjectMapper().readTree(saved.resolve("manifest.json").toFile());
        assertEquals(14, manifest.get("built_from").get("size").asInt());
        assertEquals(0, manifest.get("built_from").get("seed").asLong());
        assertEquals(4, manifest.get("built_from").get("files_sha256").size(), manifest.toString());
        assertEquals(List.of("real", "gaussian", "got"), manifest.get("sets").findValuesAsText("name"));
        assertEquals(List.of("1024", "1024", "1024"), manifest.get("sets").findValuesAsText("count"));
        NpyArray real = Npy.read(saved.resolve("real.npy"));
        assertEquals(DType.FLOAT32, real.dtype());
        assertArrayEquals(new long[] {1024, 1, 14, 14}, real.shape());
        assertEquals(DType.INT64, Npy.read(saved.resolve("got_labels.npy")).dtype());

        deleteTree(data);
        Path probed = tmp.resolve("probed");
        Result result = probe("--checkpoints", out.toString(), "--data", data.toString(), "--size", "14", "--sets", sets, "--out", probed.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(result.out().contains("probe sets: real,gaussian,got as saved in " + saved), result.out());
        assertEquals(Files.readAllLines(out.resolve("probes.csv")), Files.readAllLines(probed.resolve("probes.csv")));
        assertTrue(Files.readString(probed.resolve("run.json")).contains(saved.resolve("got.npy").toString()));
    }

    @Test
    void setsBuiltWithOtherOptionsOrDamagedAreRebuiltSayingWhy() throws IOException {
        Path out = tmp.resolve("run");
        String sets = "real,gaussian";
        assertEquals(0, train(out, null, "--sets", sets, "--max-steps", "1").exitCode());
        Result seeded = probe("--checkpoints", out.toString(), "--data", data.toString(), "--size", "14", "--sets", sets, "--seed", "3",
            "--out", tmp.resolve("seeded").toString());
        assertEquals(0, seeded.exitCode(), seeded.err() + seeded.out());
        assertTrue(seeded.out().contains("probe sets: the sets saved in " + out.resolve("probe-sets")
            + " do not match: they were built with --seed 0"), seeded.out());
        assertTrue(seeded.out().contains("probe sets: building real,gaussian from --data " + data), seeded.out());

        Path gaussian = out.resolve("probe-sets/gaussian.npy");
        byte[] bytes = Files.readAllBytes(gaussian);
        bytes[bytes.length - 1] ^= 1;
        Files.write(gaussian, bytes);
        Path rebuilt = tmp.resolve("rebuilt");
        Result damaged = probe("--checkpoints", out.toString(), "--data", data.toString(), "--size", "14", "--sets", sets,
            "--out", rebuilt.toString());
        assertEquals(0, damaged.exitCode(), damaged.err() + damaged.out());
        assertTrue(damaged.out().contains("probe sets: " + gaussian + " is damaged: its SHA-256 differs from the one in manifest.json"),
            damaged.out());
        assertTrue(damaged.out().contains("probe sets: real as saved in"), damaged.out());
        assertTrue(damaged.out().contains("probe sets: building gaussian from --data " + data), damaged.out());
        assertEquals(Files.readAllLines(out.resolve("probes.csv")), Files.readAllLines(rebuilt.resolve("probes.csv")));

        deleteTree(data);
        Path refused = tmp.resolve("refused");
        Result gone = probe("--checkpoints", out.toString(), "--data", data.toString(), "--size", "14", "--sets", sets,
            "--out", refused.toString());
        assertUsage(gone, "--data " + data + ": no such file or directory to rebuild the probe sets from (" + gaussian + " is damaged");
        assertFalse(Files.exists(refused));
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void badInputIsAOneLineErrorWithoutARunOrStackTrace() throws IOException {
        Path out = tmp.resolve("bad");
        Result steps = train(out, null, "--max-steps", "0");
        assertUsage(steps, "--max-steps 0: must be at least 1");
        assertFalse(Files.exists(out));
        assertUsage(train(out, null, "--model", "resnet"), "--model resnet: unknown model; known: mlp, convnet");
        assertUsage(train(out, null, "--augment", "randaugment"), "--augment randaugment: must be flip-crop or none");
        assertUsage(train(out, null, "--checkpoints", "often"), "--checkpoints often: checkpoint schedule 'often': unknown part");
        assertUsage(train(out, null, "--sets", "real,gauss"), "--sets real,gauss: unknown set 'gauss'; known: real, independent");
        assertFalse(Files.exists(out));

        Path missing = tmp.resolve("no-such-run");
        assertUsage(probe("--checkpoints", missing.toString(), "--data", data.toString()), "--checkpoints " + missing + ": no such directory");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertUsage(probe("--checkpoints", empty.toString(), "--data", data.toString()),
            "--checkpoints " + empty + ": no model.json (not the run or checkpoints folder of 'dsb train')");
        Path noCheckpoints = Files.createDirectories(tmp.resolve("none"));
        new io.timelapse.plugin.dsb.model.ModelRecord("mlp", new io.timelapse.plugin.dsb.model.ImageShape(1, 14, 14, 10), "fashion").write(noCheckpoints);
        assertUsage(probe("--checkpoints", noCheckpoints.toString(), "--data", data.toString()),
            "--checkpoints " + noCheckpoints + ": no complete checkpoints (step-*.safetensors) in " + noCheckpoints);
    }

    @Test
    void probingWithImagesOfAnotherShapeIsRefused() throws IOException {
        Path out = tmp.resolve("run");
        assertEquals(0, train(out, null, "--max-steps", "1").exitCode());
        Result result = probe("--checkpoints", out.toString(), "--data", data.toString());
        assertUsage(result, "--data " + data + ": the images are 1x28x28 with these --size and --rgb, but the model of "
            + out.resolve("checkpoints") + " takes 1x14x14");
    }

    private static void assertUsage(Result result, String message) {
        TestData.assertError(result, 2, message);
    }
}
