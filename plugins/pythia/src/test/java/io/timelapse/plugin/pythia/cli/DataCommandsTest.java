package io.timelapse.plugin.pythia.cli;

import static io.timelapse.plugin.pythia.Fixtures.INDEX_MAP_BASE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.pythia.Fixtures;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data commands driven as {@code timelapse pythia …}, against the gpt-neox v1.0 fixtures. */
class DataCommandsTest {

    private static final String FIRST_SHARD = "preshuffled/document-00000-of-00003.bin";
    /** The fixture's blend route: one corpus, Pythia's flags at a small scale, gpt-neox's default seed (SeedTest checks the default). */
    static final List<String> ROUTE = List.of("--train-data-paths", Fixtures.corpusPrefix().toString(), "--train-iters", "120",
            "--global-batch-size", "8", "--seq-length", "64", "--seed", "1234");

    @TempDir
    Path tmp;

    private Path runsRoot;
    private CommandTester tester;

    @BeforeEach
    void setUp() {
        runsRoot = tmp.resolve("runs");
        tester = new CommandTester(runsRoot);
    }

    private Result pythia(Object command, List<String> route, String... args) {
        List<String> all = new ArrayList<>(route);
        all.addAll(Arrays.asList(args));
        return tester.execute("pythia", command, all.toArray(String[]::new));
    }

    private Result pythia(Object command, String... args) {
        return pythia(command, List.of(), args);
    }

    @Test
    void infoDescribesTheCorpusAndTheShardSet() {
        Result corpus = pythia(new InfoCommand(tester.runs()), Fixtures.corpusPrefix().toString());
        assertEquals(0, corpus.exitCode(), corpus.err());
        assertTrue(corpus.out().contains("dtype: uint16 (code 8)"), corpus.out());
        assertTrue(corpus.out().contains("items: 300"), corpus.out());
        assertTrue(corpus.out().contains("tokens: 30123"), corpus.out());
        assertTrue(corpus.out().contains("valid: yes"), corpus.out());
        Result shards = pythia(new InfoCommand(tester.runs()), Fixtures.path(FIRST_SHARD).toString());
        assertEquals(0, shards.exitCode(), shards.err());
        assertTrue(shards.out().contains("shards: 4 of 40000 bytes"), shards.out());
        assertTrue(shards.out().contains("rows: 960 of 65 tokens"), shards.out());
    }

    @Test
    void indexWritesGptNeoxFilesByteForByteAndRecordsItsInputs() throws IOException {
        Path out = tmp.resolve("index-run");
        Result result = pythia(new IndexCommand(tester.runs()), ROUTE, "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        for (String kind : new String[] {"doc", "sample", "shuffle"}) {
            String name = INDEX_MAP_BASE + "_" + kind + "_idx.npy";
            assertArrayEquals(Fixtures.bytes("indexmaps/" + name), Files.readAllBytes(out.resolve(name)), name);
        }
        // One dataset: every blended sample comes from dataset 0, in order.
        NpyArray datasetIndex = Npy.read(out.resolve("dataset_index.npy"));
        assertEquals(DType.UINT8, datasetIndex.dtype());
        assertArrayEquals(new int[1411], datasetIndex.asIntArray());
        long[] sampleIndex = Npy.read(out.resolve("dataset_sample_index.npy")).asLongArray();
        assertEquals(1411, sampleIndex.length);
        for (int i = 0; i < sampleIndex.length; i++) {
            assertEquals(i, sampleIndex[i]);
        }
        JsonNode run = RunFiles.read(out.resolve("run.json"));
        assertEquals("succeeded", run.get("status").asText());
        assertEquals(1234, run.get("seed").asLong());
        assertEquals(Map.of("document.idx", RunFiles.sha256(Fixtures.path("corpus/document.idx"))), RunFiles.inputs(run));
    }

    @Test
    void samplesEqualTheReferenceAndLoadedCachesAreInputs() throws IOException {
        Path file = tmp.resolve("samples.npy");
        Result result = pythia(new SamplesCommand(tester.runs()), ROUTE, "--from", "0", "--count", "200", "--out",
                file.toString());
        assertEquals(0, result.exitCode(), result.err());
        NpyArray expected = Fixtures.npy("expected/samples.npy");
        NpyArray actual = Npy.read(file);
        assertEquals(DType.INT64, actual.dtype());
        assertArrayEquals(new long[] {200, 65}, actual.shape());
        assertArrayEquals(expected.asLongArray(), actual.asLongArray());
        JsonNode run = RunFiles.onlyRun(runsRoot);
        assertEquals(1234, run.get("seed").asLong());
        assertEquals(List.of("document.idx", "document.bin"), new ArrayList<>(RunFiles.inputs(run).keySet()));
        assertEquals(RunFiles.sha256(Fixtures.path("corpus/document.bin")), RunFiles.inputs(run).get("document.bin"));

        // The reference's own cached maps are loaded (not rebuilt) and recorded as inputs.
        Path cache = Fixtures.copyFolder("indexmaps", tmp.resolve("cache"));
        Path tail = tmp.resolve("tail.npy");
        CommandTester second = new CommandTester(tmp.resolve("runs2"));
        Result cached = second.execute("pythia", new SamplesCommand(second.runs()), concat(ROUTE, "--index-cache", cache.toString(),
                "--from", "1400", "--count", "11", "--out", tail.toString()));
        assertEquals(0, cached.exitCode(), cached.err());
        long[] all = Fixtures.npy("expected/samples_all.npy").asLongArray();
        assertArrayEquals(Arrays.copyOfRange(all, 1400 * 65, 1411 * 65), Npy.read(tail).asLongArray());
        Map<String, String> inputs = RunFiles.inputs(RunFiles.onlyRun(tmp.resolve("runs2")));
        for (String kind : new String[] {"doc", "sample", "shuffle"}) {
            String name = INDEX_MAP_BASE + "_" + kind + "_idx.npy";
            assertEquals(RunFiles.sha256(cache.resolve(name)), inputs.get(name), name);
        }
    }

    private static String[] concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(Arrays.asList(more));
        return all.toArray(String[]::new);
    }

    @Test
    void batchWritesBatchViewerRowsFromTheShards() throws IOException {
        Path file = tmp.resolve("batch.npy");
        Result result = pythia(new BatchCommand(tester.runs()), "--preshuffled", Fixtures.path(FIRST_SHARD).toString(), "--step", "2",
                "--end-step", "4", "--batch-size", "8", "--out", file.toString());
        assertEquals(0, result.exitCode(), result.err());
        NpyArray expected = Fixtures.npy("preshuffled/expected/indicies_start2_end4.npy");
        NpyArray actual = Npy.read(file);
        assertEquals(DType.UINT16, actual.dtype());
        assertArrayEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.asShortArray(), actual.asShortArray());
        Map<String, String> inputs = RunFiles.inputs(RunFiles.onlyRun(runsRoot));
        assertEquals(List.of("document.idx", "document-00000-of-00003.bin", "document-00001-of-00003.bin", "document-00002-of-00003.bin",
                "document-00003-of-00003.bin"), new ArrayList<>(inputs.keySet()));
        assertEquals(RunFiles.sha256(Fixtures.path("preshuffled/document-00002-of-00003.bin")), inputs.get("document-00002-of-00003.bin"));

        Path last = tmp.resolve("last.npy");
        Result step119 = pythia(new BatchCommand(tester.runs()), "--preshuffled", Fixtures.path(FIRST_SHARD).toString(), "--step", "119",
                "--batch-size", "8", "--out", last.toString());
        assertEquals(0, step119.exitCode(), step119.err());
        assertArrayEquals(Fixtures.npy("preshuffled/expected/batch_step119.npy").asShortArray(), Npy.read(last).asShortArray());
    }

    @Test
    void locateGivesStepSlotAndDocumentsAsJson() throws IOException {
        Result result = pythia(new LocateCommand(tester.runs()), ROUTE, "--row", "45", "--preshuffled", Fixtures.path(FIRST_SHARD).toString(), "--json");
        assertEquals(0, result.exitCode(), result.err());
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertEquals(45, json.get("row").asLong());
        assertEquals(5, json.get("step").asLong());
        assertEquals(5, json.get("slot").asInt());
        assertEquals("train_0", json.get("dataset").asText());
        int[] shuffle = Fixtures.npy("indexmaps/" + INDEX_MAP_BASE + "_shuffle_idx.npy").asUnsignedIntArray();
        int[] sampleIdx = Fixtures.npy("indexmaps/" + INDEX_MAP_BASE + "_sample_idx.npy").asIntArray();
        int[] docIdx = Fixtures.npy("indexmaps/" + INDEX_MAP_BASE + "_doc_idx.npy").asIntArray();
        long k = shuffle[45];
        assertEquals(k, json.get("unshuffled_sample").asLong());
        JsonNode documents = json.get("documents");
        // The spans follow sample_idx rows k and k+1 through doc_idx, and together hold the row's 65 tokens.
        JsonNode first = documents.get(0);
        JsonNode last = documents.get(documents.size() - 1);
        assertEquals(docIdx[sampleIdx[(int) (2 * k)]], first.get("document").asLong());
        assertEquals(sampleIdx[(int) (2 * k + 1)], first.get("start").asInt());
        assertEquals(docIdx[sampleIdx[(int) (2 * k + 2)]], last.get("document").asLong());
        assertEquals(sampleIdx[(int) (2 * k + 3)] + 1, last.get("end").asInt());
        long[] expectedRow = Fixtures.row(Fixtures.npy("expected/samples_all.npy"), 45);
        byte[] bin = Fixtures.bytes("corpus/document.bin");
        int at = 0;
        for (JsonNode span : documents) {
            assertEquals(at, span.get("row_offset").asInt());
            long documentStart = documentStart(span.get("document").asInt());
            for (int t = span.get("start").asInt(); t < span.get("end").asInt(); t++) {
                int b = (int) (2 * (documentStart + t));
                assertEquals(expectedRow[at++], (bin[b] & 0xFF) | (bin[b + 1] & 0xFF) << 8);
            }
        }
        assertEquals(65, at);
        assertEquals(45L * 130, json.get("byte_offset").asLong());
        assertEquals(0, json.get("shard").asInt());

        Result text = pythia(new LocateCommand(tester.runs()), "--row", "400", "--batch-size", "8", "--preshuffled", Fixtures.path(FIRST_SHARD).toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("step: 50"), text.out());
        assertTrue(text.out().contains("shard: 1"), text.out());
    }

    private static long documentStart(int document) {
        // The .idx pointers are byte offsets: read pointers[document] straight from the file (34-byte header, 4·N sizes).
        byte[] idx = Fixtures.bytes("corpus/document.idx");
        int at = 34 + 4 * 300 + 8 * document;
        long pointer = 0;
        for (int i = 7; i >= 0; i--) {
            pointer = pointer << 8 | (idx[at + i] & 0xFF);
        }
        return pointer / 2;
    }

    @Test
    void unshardMergesVerifiesAndHashes() throws IOException {
        Path prefix = tmp.resolve("merged/document");
        Files.createDirectories(prefix.getParent());
        Result result = pythia(new UnshardCommand(tester.runs()), Fixtures.path(FIRST_SHARD).toString(), "--out", prefix.toString());
        assertEquals(0, result.exitCode(), result.err());
        // sha256sum of the four shards concatenated, computed outside this code.
        assertTrue(result.out().startsWith("577c8cc2bb34dd687e37aab6d569f2db5160564b45857460f4f6e6f2f9128a23"), result.out());
        assertEquals(124_800, Files.size(prefix.resolveSibling("document.bin")));
        assertArrayEquals(Fixtures.bytes("preshuffled/document.idx"), Files.readAllBytes(prefix.resolveSibling("document.idx")));
        JsonNode run = RunFiles.onlyRun(runsRoot);
        assertEquals(5, RunFiles.inputs(run).size());
        assertEquals("577c8cc2bb34dd687e37aab6d569f2db5160564b45857460f4f6e6f2f9128a23", run.get("results").get("sha256").asText());
    }

    @Test
    void badInputFailsWithTheFileNamedAndBadFlagsAreUsageErrors() throws IOException {
        Path missing = Fixtures.corpusPrefix().resolveSibling("nope");
        Result info = pythia(new InfoCommand(tester.runs()), missing.toString());
        assertEquals(1, info.exitCode());
        assertTrue(info.err().contains("nope.idx"), info.err());

        Path copy = Fixtures.copyFolder("corpus", tmp.resolve("truncated"));
        Path idx = copy.resolve("document.idx");
        try (FileChannel channel = FileChannel.open(idx, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(idx) - 8);
        }
        Result truncated = pythia(new SamplesCommand(tester.runs()), "--train-data-paths", copy.resolve("document").toString(), "--count",
                "1", "--seq-length", "64", "--out", tmp.resolve("x.npy").toString());
        assertEquals(1, truncated.exitCode());
        assertTrue(truncated.err().contains(idx.toString()) && truncated.err().contains("truncated"), truncated.err());
        assertFalse(Files.exists(tmp.resolve("x.npy")));
        Result truncatedInfo = pythia(new InfoCommand(tester.runs()), idx.toString());
        assertEquals(1, truncatedInfo.exitCode());
        assertTrue(truncatedInfo.err().contains(idx.toString()), truncatedInfo.err());

        Result missingBatch = pythia(new BatchCommand(tester.runs()), "--preshuffled", tmp.resolve("none/document").toString(), "--step",
                "0", "--out", tmp.resolve("b.npy").toString());
        assertEquals(1, missingBatch.exitCode());
        assertTrue(missingBatch.err().contains(tmp.resolve("none/document.bin").toString()), missingBatch.err());

        Result badFlag = pythia(new SamplesCommand(tester.runs()), ROUTE, "--count", "1", "--no-such-flag");
        assertEquals(2, badFlag.exitCode());
        assertTrue(badFlag.err().contains("--no-such-flag"), badFlag.err());
        Result noCount = pythia(new SamplesCommand(tester.runs()), ROUTE, "--out", tmp.resolve("y.npy").toString());
        assertEquals(2, noCount.exitCode());
        assertTrue(noCount.err().contains("--count"), noCount.err());
        Result noRoute = pythia(new IndexCommand(tester.runs()), "--seq-length", "64");
        assertEquals(2, noRoute.exitCode());
        assertTrue(noRoute.err().contains("--train-data-paths"), noRoute.err());
    }
}
