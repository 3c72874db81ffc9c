package io.timelapse.plugin.pythia.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.plugin.pythia.Fixtures;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Given --out, every pythia command writes a run directory whose run.json names every file the command read, with its sha256. */
class RunRecordsTest {

    private static final Path SHARD = Fixtures.path("preshuffled/document-00000-of-00003.bin");
    private static final Path CORPUS_IDX = Fixtures.path("corpus/document.idx");
    private static final Path CORPUS_BIN = Fixtures.path("corpus/document.bin");
    private static final Path PRESHUFFLED_IDX = Fixtures.path("preshuffled/document.idx");

    @TempDir
    Path tmp;

    private Path runsRoot;
    private CommandTester tester;

    @BeforeEach
    void setUp() {
        runsRoot = tmp.resolve("runs");
        tester = new CommandTester(runsRoot);
    }

    private static List<Path> shards() {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            files.add(Fixtures.path("preshuffled/document-0000" + i + "-of-00003.bin"));
        }
        return files;
    }

    private static List<Path> concat(List<Path> first, List<Path> second) {
        List<Path> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** One command, its arguments before {@code --out}, the result file it leaves in the run directory and the files it reads. */
    private record Case(Function<CommandTester, PluginCommand> command, List<String> args, String result, List<Path> inputs) {}

    private List<Case> cases() throws IOException {
        Path text = tmp.resolve("text.txt");
        Files.writeString(text, "Hello world", StandardCharsets.UTF_8);
        Path ids = tmp.resolve("in-ids.npy");
        Npy.writeInts(ids, DType.INT32, new int[] {12092, 1533});
        List<String> route = DataCommandsTest.ROUTE;
        List<String> locate = new ArrayList<>(route);
        locate.addAll(List.of("--row", "45", "--preshuffled", SHARD.toString()));
        List<String> samples = new ArrayList<>(route);
        samples.addAll(List.of("--count", "3"));
        return List.of(
                new Case(t -> new InfoCommand(t.runs()), List.of(CORPUS_IDX.toString()), "info.txt", List.of(CORPUS_IDX, CORPUS_BIN)),
                new Case(t -> new InfoCommand(t.runs()), List.of(SHARD.toString()), "info.txt", concat(List.of(PRESHUFFLED_IDX), shards())),
                new Case(t -> new IndexCommand(t.runs()), route, "dataset_index.npy", List.of(CORPUS_IDX)),
                new Case(t -> new SamplesCommand(t.runs()), samples, "samples.npy", List.of(CORPUS_IDX, CORPUS_BIN)),
                new Case(t -> new BatchCommand(t.runs()), List.of("--preshuffled", SHARD.toString(), "--step", "1", "--batch-size", "8"),
                        "batch.npy", concat(List.of(PRESHUFFLED_IDX), shards())),
                new Case(t -> new LocateCommand(t.runs()), locate, "locate.json", List.of(PRESHUFFLED_IDX, CORPUS_IDX)),
                new Case(t -> new TokenizeCommand(t.runs()), List.of(text.toString()), "ids.npy", List.of(text)),
                new Case(t -> new DetokenizeCommand(t.runs()), List.of(ids.toString()), "text.txt", List.of(ids)),
                new Case(t -> new DemoCommand(t.runs()), List.of(), "preshuffled/unsharded.bin", List.of()));
    }

    private static List<Path> inputPaths(JsonNode run) {
        List<Path> paths = new ArrayList<>();
        run.get("inputs").forEach(input -> paths.add(Path.of(input.get("path").asText())));
        return paths;
    }

    private static void assertInputs(List<Path> expected, JsonNode run) throws IOException {
        List<Path> normalized = expected.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        assertEquals(normalized, inputPaths(run));
        for (JsonNode input : run.get("inputs")) {
            assertEquals(RunFiles.sha256(Path.of(input.get("path").asText())), input.get("sha256").asText(), input.toString());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCommandGivenAnOutDirectoryWritesItsRunThereWithItsInputs() throws IOException {
        List<Case> cases = cases();
        return IntStream.range(0, cases.size()).mapToObj(n -> {
            Case c = cases.get(n);
            PluginCommand command = c.command().apply(tester);
            return DynamicTest.dynamicTest(command.getClass().getSimpleName() + " " + String.join(" ", c.args()), () -> {
                Path out = tmp.resolve("out-" + n);
                List<String> args = new ArrayList<>(c.args());
                args.addAll(List.of("--out", out.toString()));
                Result result = tester.execute("pythia", command, args.toArray(String[]::new));
                assertEquals(0, result.exitCode(), result.err());
                JsonNode run = RunFiles.read(out.resolve("run.json"));
                assertEquals("succeeded", run.get("status").asText());
                assertTrue(Files.isRegularFile(out.resolve(c.result())), "no " + c.result());
                assertInputs(c.inputs(), run);
                assertEquals(List.of(), RunFiles.runDirectories(runsRoot), "runs in the default directory");
            });
        });
    }

    @Test
    void detokenizeWritesTheTextItWouldPrint() throws IOException {
        Path batch = Fixtures.path("preshuffled/expected/batch_step0.npy");
        Result printed = tester.execute("pythia", new DetokenizeCommand(tester.runs()), batch.toString(), "--row", "2");
        assertEquals(0, printed.exitCode(), printed.err());
        assertEquals(List.of(), RunFiles.runDirectories(runsRoot), "printing writes no run");

        Path out = tmp.resolve("decoded");
        Result written = tester.execute("pythia", new DetokenizeCommand(tester.runs()), batch.toString(), "--row", "2", "--out",
                out.toString());
        assertEquals(0, written.exitCode(), written.err());
        assertEquals(printed.out(), Files.readString(out.resolve("text.txt"), StandardCharsets.UTF_8));
        assertEquals("1 row decoded to " + out.resolve("text.txt"), written.out().strip());
        JsonNode run = RunFiles.read(out.resolve("run.json"));
        assertEquals(1, run.get("results").get("rows").asInt());
        assertInputs(List.of(batch), run);
    }

    /** --out naming a result file (by the result's extension) writes that file, and the run directory is the default one. */
    @Test
    void anOutThatNamesTheResultFileWritesTheRunToTheDefaultDirectory() throws IOException {
        Path text = tmp.resolve("files/hello.txt");
        Result detokenized = tester.execute("pythia", new DetokenizeCommand(tester.runs()), "--ids", "12092,1533", "--out",
                text.toString());
        assertEquals(0, detokenized.exitCode(), detokenized.err());
        assertEquals("Hello world" + System.lineSeparator(), Files.readString(text, StandardCharsets.UTF_8));
        assertRunInDefaultDirectory("detokenize", "text", text);

        Path info = tmp.resolve("files/corpus.txt");
        Result described = tester.execute("pythia", new InfoCommand(tester.runs()), CORPUS_IDX.toString(), "--out", info.toString());
        assertEquals(0, described.exitCode(), described.err());
        assertEquals(described.out(), Files.readString(info, StandardCharsets.UTF_8));
        assertRunInDefaultDirectory("info", "info", info);

        Path located = tmp.resolve("files/row.json");
        Result locate = tester.execute("pythia", new LocateCommand(tester.runs()), "--row", "400", "--batch-size", "8", "--preshuffled",
                SHARD.toString(), "--out", located.toString());
        assertEquals(0, locate.exitCode(), locate.err());
        JsonNode answer = RunFiles.read(located);
        assertEquals(50, answer.get("step").asLong());
        assertEquals(1, answer.get("shard").asInt());
        assertRunInDefaultDirectory("locate", "locate", located);
    }

    private void assertRunInDefaultDirectory(String command, String resultKey, Path result) throws IOException {
        List<Path> mine = RunFiles.runDirectories(runsRoot).stream().filter(p -> p.getFileName().toString().endsWith("-pythia-" + command))
                .toList();
        assertEquals(1, mine.size(), mine.toString());
        JsonNode run = RunFiles.read(mine.get(0).resolve("run.json"));
        assertEquals("succeeded", run.get("status").asText());
        assertEquals(result.toString(), run.get("results").get(resultKey).asText());
    }

    @Test
    void unshardWithoutOutKeepsTheMergedFilesInTheRunDirectory() throws IOException {
        Result result = tester.execute("pythia", new UnshardCommand(tester.runs()), SHARD.toString());
        assertEquals(0, result.exitCode(), result.err());
        List<Path> runs = RunFiles.runDirectories(runsRoot);
        assertEquals(1, runs.size(), runs.toString());
        assertEquals(124_800, Files.size(runs.get(0).resolve("document.bin")));
        assertArrayEquals(Files.readAllBytes(PRESHUFFLED_IDX), Files.readAllBytes(runs.get(0).resolve("document.idx")));
        assertInputs(concat(List.of(PRESHUFFLED_IDX), shards()), RunFiles.read(runs.get(0).resolve("run.json")));
    }
}
