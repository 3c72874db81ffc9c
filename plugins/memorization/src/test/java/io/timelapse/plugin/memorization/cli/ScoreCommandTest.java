package io.timelapse.plugin.memorization.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.plugin.memorization.scoring.TinyModel;
import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import io.timelapse.plugin.memorization.table.ScoringMode;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.NoTrainingDataLayout;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code memorization score} on the golden tiny model, as the CLI runs it. */
class ScoreCommandTest {

    static final TrainingDataProvider NO_LAYOUT = NoTrainingDataLayout.INSTANCE;

    @TempDir
    Path tmp;

    private Result score(CommandTester tester, String... args) {
        return tester.execute("memorization", new ScoreCommand(tester.runs(), TinyModel.MODELS, NO_LAYOUT, TinyModel.COMPUTE), args);
    }

    @Test
    void paperModeAndPlainModeGiveTheFixtureScores() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path paper = tmp.resolve("paper");
        Result result = score(tester, "--model", TinyModel.directory().toString(), "--data", TinyModel.inputs().toString(),
                "--all-rows", "--ban-token", "0", "--eval-batch", "3", "--out", paper.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(result.out().contains("tokens [0] banned at every step (the paper's script"), result.out());
        assertTrue(result.out().contains("2 of 8 rows memorized"), result.out());
        ScoreTable table = ScoreTableFiles.read(paper);
        assertArrayEquals(new byte[] {32, 32, 31, 31, 16, 16, 0, 0}, table.matches());
        assertEquals(List.of(0), table.header().bannedTokens());
        assertEquals(64, table.header().model().weightSha256().get("model.safetensors").length());
        assertEquals(TinyModel.MODELS.readConfig(TinyModel.directory().resolve("config.json")).parameterCount(),
                table.header().model().parameters());
        assertFalse(Files.exists(paper.resolve("scores.log")), "the log goes once the table is written");
        List<String> csv = Files.readAllLines(paper.resolve("scores.csv"));
        assertEquals(List.of("index,matches,score", "0,32,1.0", "1,32,1.0", "2,31,0.96875"), csv.subList(0, 4));

        Path plain = tmp.resolve("plain");
        assertEquals(0, score(tester, "--model", TinyModel.directory().toString(), "--data", TinyModel.inputs().toString(),
                "--rows", "1:3", "--out", plain.toString()).exitCode());
        ScoreTable plainTable = ScoreTableFiles.read(plain);
        assertArrayEquals(new byte[] {3, 31}, plainTable.matches());
        assertEquals(1, plainTable.row(0));
        assertTrue(plainTable.header().modeDescription().contains("no token banned (plain)"));
    }

    @Test
    void scoreIsShardableAndMergesWithMergeKeepingItsCsvChoice() {
        ScoreCommand command = new ScoreCommand(null, null, null, null);
        new CommandLine(command).parseArgs("--model", "m", "--data", "rows.npy", "--no-csv");
        assertEquals("--shard", command.shardOption());
        assertEquals(List.of("memorization", "merge", "s0", "s1", "--no-csv"), command.mergeCommand(List.of(Path.of("s0"), Path.of("s1"))));
    }

    @Test
    void shardsOfTheExactMatchShortcutMergeIntoTheWholeTable() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        String[] shards = new String[3];
        for (int i = 0; i < 3; i++) {
            shards[i] = tmp.resolve("shard" + i).toString();
            Result r = score(tester, "--model", TinyModel.directory().toString(), "--data", TinyModel.inputs().toString(), "--all-rows",
                    "--ban-token", "0", "--exact-match", "--shard", i + "/3", "--out", shards[i]);
            assertEquals(0, r.exitCode(), r.err() + r.out());
            assertTrue(r.out().contains("exact-match shortcut"), r.out());
        }
        Path merged = tmp.resolve("merged");
        Result m = tester.execute("memorization", new MergeCommand(tester.runs()), shards[2], shards[0], shards[1], "--out", merged.toString());
        assertEquals(0, m.exitCode(), m.err() + m.out());
        ScoreTable table = ScoreTableFiles.read(merged);
        assertEquals(ScoringMode.EXACT_MATCH, table.header().mode());
        assertArrayEquals(new byte[] {32, 32, 0, 0, 0, 0, 0, 0}, table.matches());
    }

    @Test
    void randomSamplesAndStepsSelectRows() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path steps = tmp.resolve("steps");
        // Batch size 2: steps [1, 3) trained rows 2..5.
        Result r = score(tester, "--model", TinyModel.directory().toString(), "--data", TinyModel.inputs().toString(), "--batch-size", "2",
                "--steps", "1:3", "--out", steps.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        ScoreTable table = ScoreTableFiles.read(steps);
        assertEquals(2, table.row(0));
        assertArrayEquals(new byte[] {31, 31, 16, 16}, table.matches());

        Path sample = tmp.resolve("sample");
        r = score(tester, "--model", TinyModel.directory().toString(), "--data", TinyModel.inputs().toString(), "--all-rows",
                "--sample", "3", "--seed", "5", "--out", sample.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        ScoreTable sampled = ScoreTableFiles.read(sample);
        assertEquals(3, sampled.size());
        int[] plain = {32, 3, 31, 31, 16, 16, 0, 0};
        for (int k = 0; k < 3; k++) {
            assertEquals(plain[(int) sampled.row(k)], sampled.matches(k));
        }

        Files.writeString(tmp.resolve("nothing.bin"), "not rows");
        Result bad = score(tester, "--model", TinyModel.directory().toString(), "--data", tmp.resolve("nothing.bin").toString(),
                "--out", tmp.resolve("bad").toString());
        assertEquals(2, bad.exitCode(), bad.out());
        assertTrue(bad.err().contains("nothing.bin: neither an .npy of token rows nor a pythia-preshuffled dataset"), bad.err());
    }

    @Test
    void runJsonRecordsEveryFileReadWithItsSha256AndTheDeviceUsed() throws Exception {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("recorded");
        Result r = score(tester, "--model", TinyModel.directory().toString(), "--data", TinyModel.inputs().toString(), "--rows", "0:2",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err() + r.out());
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        Map<String, String> inputs = new HashMap<>();
        run.get("inputs").forEach(input -> inputs.put(input.get("path").asText(), input.get("sha256").asText()));
        for (Path file : List.of(TinyModel.inputs(), TinyModel.directory().resolve("config.json"), TinyModel.directory().resolve("model.safetensors"))) {
            assertEquals(sha256(file), inputs.get(file.toAbsolutePath().normalize().toString()), file + " in " + inputs);
        }
        assertEquals(3, inputs.size(), inputs.toString());
        assertEquals(TinyModel.COMPUTE.device().summary(), run.get("device").asText());
        assertNotEquals("CPU", run.get("device").asText(), "the device the compute service reports, with what it is");
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
