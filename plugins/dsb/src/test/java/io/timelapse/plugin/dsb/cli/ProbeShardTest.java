package io.timelapse.plugin.dsb.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dsb probe --shard i/n} and {@code dsb probe-merge}: the merged run writes what one process writes, or is refused. */
class ProbeShardTest {

    @TempDir
    Path tmp;

    private CommandTester tester;
    private Path data;
    private Path trained;

    @BeforeEach
    void setUp() throws IOException {
        tester = new CommandTester(tmp.resolve("runs"));
        data = TestCompute.embeddedDataFolder(tmp.resolve("fashion"));
        trained = tmp.resolve("trained");
        // Checkpoints at steps 1, 2, 4 and 8.
        Result train = tester.execute("dsb", new TrainCommand(tester.runs(), TestCompute.COMPUTE), "--data", data.toString(), "--size", "14",
            "--batch-size", "32", "--sets", "real", "--max-steps", "8", "--out", trained.toString());
        assertEquals(0, train.exitCode(), train.err() + train.out());
    }

    private Result probe(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--checkpoints", trained.toString(), "--data", data.toString(), "--size", "14",
            "--sets", "real", "--out", out.toString()));
        args.addAll(List.of(extra));
        return tester.execute("dsb", new ProbeCommand(tester.runs(), TestCompute.COMPUTE), args.toArray(String[]::new));
    }

    private Result merge(Path out, Path... shards) {
        List<String> args = new java.util.ArrayList<>(List.of("--out", out.toString()));
        Stream.of(shards).forEach(shard -> args.add(shard.toString()));
        return tester.execute("dsb", new ProbeMergeCommand(tester.runs()), args.toArray(String[]::new));
    }

    @Test
    void mergedShardsAreByteForByteOneProcessRun() throws IOException {
        Path whole = tmp.resolve("whole");
        assertEquals(0, probe(whole).exitCode());
        Path first = tmp.resolve("shard0");
        Path second = tmp.resolve("shard1");
        Result zero = probe(first, "--shard", "0/2");
        assertEquals(0, zero.exitCode(), zero.err() + zero.out());
        assertTrue(zero.out().contains("shard 0/2: steps 1 to 2 of 4 checkpoints"), zero.out());
        assertEquals(0, probe(second, "--shard", "1/2").exitCode());
        Path merged = tmp.resolve("merged");
        Result result = merge(merged, second, first);
        assertEquals(0, result.exitCode(), result.err() + result.out());

        List<String> files = outputs(whole);
        assertEquals(List.of("accuracy_vs_step.png", "accuracy_vs_step.svg", "loss_vs_step.png", "loss_vs_step.svg", "probes.csv", "probes.jsonl"),
            files);
        assertEquals(files, outputs(merged));
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(merged.resolve(file)), file);
        }
        assertEquals(5, Files.readAllLines(merged.resolve("probes.csv")).size());
        assertEquals(List.of("step,ds,net,arch,real_loss,real_accuracy"), Files.readAllLines(first.resolve("probes.csv")).subList(0, 1));
        assertEquals(3, Files.readAllLines(second.resolve("probes.csv")).size());
        assertEquals(4, new ObjectMapper().readTree(merged.resolve("run.json").toFile()).get("results").get("checkpoints_probed").asInt());
    }

    @Test
    void aMissingShardOrOneRunWithOtherOptionsIsRefused() throws IOException {
        Path first = tmp.resolve("shard0");
        Path second = tmp.resolve("shard1");
        assertEquals(0, probe(first, "--shard", "0/2").exitCode());
        assertEquals(0, probe(second, "--shard", "1/2", "--eval-batch", "7").exitCode());
        Path out = tmp.resolve("merged");
        TestData.assertError(merge(out, first), 2, "SHARD missing shard 1 of 2; give the run directory of every shard");
        TestData.assertError(merge(out, first, second), 2, "SHARD " + second + " cannot be merged with " + first
            + ": run with other options: --eval-batch 7 (there: 1024)");
        TestData.assertError(merge(out, first, first), 2, "SHARD shard 0/2 given twice: " + first + " and " + first);
        TestData.assertError(merge(out, data), 2, "SHARD " + data + ": no shard.json (not the run directory of a finished 'dsb probe --shard i/n')");
        assertFalse(Files.exists(out));
        TestData.assertError(probe(tmp.resolve("bad"), "--shard", "2/2"), 2, "--shard 2/2: expected i/n with 0 ≤ i < n, such as 0/8");
        assertFalse(Files.exists(tmp.resolve("bad")));
    }

    /** The files a probe run writes, without run.json, which records when and how it ran. */
    private static List<String> outputs(Path run) throws IOException {
        try (Stream<Path> files = Files.list(run)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !name.equals("run.json")).sorted().toList();
        }
    }
}
