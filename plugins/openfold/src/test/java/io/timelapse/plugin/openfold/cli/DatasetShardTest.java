package io.timelapse.plugin.openfold.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.openfold.testing.Fixtures;
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

/** {@code openfold dataset build --shard i/n} and {@code dataset merge}: the merged data set is the one-process one, or refused. */
class DatasetShardTest {

    @TempDir
    Path tmp;

    private CommandTester tester;
    private Path in;

    @BeforeEach
    void copyTheUbiquitinFamily() throws IOException {
        tester = new CommandTester(tmp.resolve("runs"));
        in = tmp.resolve("in");
        Path family = Files.createDirectories(in.resolve("ubq"));
        try (Stream<Path> files = Files.list(Fixtures.resourcePath("dataset/ubq"))) {
            for (Path f : files.toList()) {
                Files.copy(f, family.resolve(f.getFileName()));
            }
        }
    }

    private Result dataset(String... args) {
        return tester.execute("openfold", new DatasetCommand(tester.runs()), args);
    }

    private Result build(Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("build", "--out", out.toString(), in.toString()));
        args.addAll(List.of(extra));
        return dataset(args.toArray(String[]::new));
    }

    private Result merge(Path out, Path... shards) {
        List<String> args = new ArrayList<>(List.of("merge", "--out", out.toString()));
        Stream.of(shards).forEach(shard -> args.add(shard.toString()));
        return dataset(args.toArray(String[]::new));
    }

    @Test
    void mergedShardsAreByteForByteTheOneProcessDataSet() throws IOException {
        Path whole = tmp.resolve("whole");
        assertEquals(0, build(whole).exitCode());
        // Two structure files in three shards: shard 0 is empty, 1 holds 1ubi_A.pdb (kept), 2 tiny_A.pdb (dropped).
        Path[] shards = new Path[3];
        for (int i = 0; i < 3; i++) {
            shards[i] = tmp.resolve("shard" + i);
            Result result = build(shards[i], "--shard", i + "/3");
            assertEquals(0, result.exitCode(), result.err() + result.out());
        }
        assertTrue(Files.readString(shards[1].resolve("manifest.json")).contains("1ubi_A"));
        assertFalse(Files.readString(shards[2].resolve("manifest.json")).contains("1ubi_A"));
        Path merged = tmp.resolve("merged");
        Result result = merge(merged, shards[2], shards[0], shards[1]);
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(result.out().contains("chains kept: 1, dropped: 1"), result.out());

        List<String> files = outputs(whole);
        assertEquals(List.of("features/1ubi_A.key.json", "features/1ubi_A.npz", "manifest.json", "msas/1ubi_A.a3m"), files);
        assertEquals(files, outputs(merged));
        for (String file : files) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(merged.resolve(file)), file);
        }
    }

    @Test
    void aMissingShardOrOneBuiltWithOtherOptionsIsRefused() throws IOException {
        Path first = tmp.resolve("shard0");
        Path second = tmp.resolve("shard1");
        assertEquals(0, build(first, "--shard", "0/2").exitCode());
        assertEquals(0, build(second, "--shard", "1/2", "--max-resolution", "2.5").exitCode());
        Path out = tmp.resolve("merged");
        assertUsage(merge(out, first), "SHARD missing shard 1 of 2; give the run directory of every shard");
        assertUsage(merge(out, first, second), "SHARD " + second + " cannot be merged with " + first + ": built with other options:");
        assertUsage(merge(out, first, first), "SHARD shard 0/2 given twice: " + first + " and " + first);
        assertUsage(merge(out, in), "SHARD " + in + ": no shard.json (not the run directory of a finished 'openfold dataset build --shard i/n')");
        assertFalse(Files.exists(out));
        assertUsage(build(tmp.resolve("bad"), "--shard", "1/1"), "--shard 1/1: expected i/n with 0 ≤ i < n, such as 0/8");
        assertFalse(Files.exists(tmp.resolve("bad")));
    }

    private static void assertUsage(Result result, String message) {
        assertEquals(2, result.exitCode(), result.err());
        assertFalse(result.stackTrace(), result.err());
        assertTrue(result.err().contains(message), "expected '" + message + "' in: " + result.err());
    }

    /** The files of a data set, without run.json, which records when and how it ran. */
    private static List<String> outputs(Path run) throws IOException {
        try (Stream<Path> files = Files.walk(run)) {
            return files.filter(Files::isRegularFile).map(file -> run.relativize(file).toString()).filter(name -> !name.equals("run.json"))
                    .sorted().toList();
        }
    }
}
