package io.timelapse.platform.lm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.platform.lm.cli.LmCommand;
import io.timelapse.platform.lm.config.NeoXConfigFile;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code timelapse lm corpus}: text to training rows, held-out rows and a compact vocabulary. */
class CorpusCommandTest {

    /** Genesis 1:1-5, King James Version (public domain). */
    static final String GENESIS = "In the beginning God created the heaven and the earth.\n"
            + "And the earth was without form, and void; and darkness was upon the face of the deep. And the Spirit of God moved upon the face"
            + " of the waters.\n"
            + "And God said, Let there be light: and there was light.\n"
            + "And God saw the light, that it was good: and God divided the light from the darkness.\n"
            + "And God called the light Day, and the darkness he called Night. And the evening and the morning were the first day.\n";

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CommandTester tester;
    private Path text;
    private int[] ids;

    @BeforeEach
    void setUp() throws IOException {
        tester = new CommandTester(tmp.resolve("runs"));
        text = Files.writeString(tmp.resolve("genesis.txt"), GENESIS);
        ids = GptNeoXTokenizer.load().encode(GENESIS);
    }

    private Result lm(String... args) {
        return tester.execute("lm", new LmCommand(Fixtures.MODELS, Fixtures.COMPUTE, tester.runs(), null), args);
    }

    private static int[][] rows(Path file) throws IOException {
        NpyArray array = Npy.read(file);
        int length = Math.toIntExact(array.dim(1));
        int[] flat = array.asIntArray();
        int[][] rows = new int[Math.toIntExact(array.dim(0))][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * length, (r + 1) * length);
        }
        return rows;
    }

    /** The index of the row of {@code length} consecutive ids of the text that {@code row} is. */
    private int rowOfText(int[] row) {
        for (int r = 0; (r + 1) * row.length <= ids.length; r++) {
            if (Arrays.equals(row, Arrays.copyOfRange(ids, r * row.length, (r + 1) * row.length))) {
                return r;
            }
        }
        throw new AssertionError("not a row of the text: " + Arrays.toString(row));
    }

    @Test
    void compactRowsAreShuffledRowsOfTheTextRenumberedAndEveryEpochHoldsEachTrainingRowOnce() throws IOException {
        assertArrayEquals(new int[] {688, 253, 5068, 2656, 3562}, Arrays.copyOf(ids, 5), "In the beginning God created");
        Path out = tmp.resolve("corpus");
        Result result = lm("corpus", text.toString(), "--seq-len", "7", "--vocabulary", "compact", "--epochs", "3", "--held-out", "2", "--seed",
                "5", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        int rowCount = ids.length / 8;

        int[] vocabulary = Npy.read(out.resolve("vocabulary.npy")).asIntArray();
        assertArrayEquals(IntStream.of(ids).sorted().distinct().toArray(), vocabulary);
        int[][] train = rows(out.resolve("train.npy"));
        int[][] held = rows(out.resolve("held-out.npy"));
        assertEquals(3 * (rowCount - 2), train.length);
        assertEquals(2, held.length);

        Map<Integer, Integer> heldRows = new HashMap<>();
        for (int[] row : held) {
            assertEquals(8, row.length);
            heldRows.merge(rowOfText(Arrays.stream(row).map(id -> vocabulary[id]).toArray()), 1, Integer::sum);
        }
        List<List<Integer>> epochs = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            List<Integer> order = new ArrayList<>();
            for (int r = 0; r < rowCount - 2; r++) {
                order.add(rowOfText(Arrays.stream(train[e * (rowCount - 2) + r]).map(id -> vocabulary[id]).toArray()));
            }
            List<Integer> sorted = order.stream().sorted().toList();
            List<Integer> expected = IntStream.range(0, rowCount).filter(r -> !heldRows.containsKey(r)).boxed().toList();
            assertEquals(expected, sorted, "epoch " + e + " holds every training row once, no held-out row");
            epochs.add(order);
        }
        assertEquals(2, heldRows.size());
        assertNotEquals(epochs.get(0), epochs.get(1), "each epoch has its own order");

        JsonNode corpus = JSON.readTree(out.resolve("corpus.json").toFile());
        assertEquals(ids.length, corpus.path("tokens").asInt());
        assertEquals(GENESIS.getBytes(StandardCharsets.UTF_8).length, corpus.path("text_bytes").asInt());
        assertEquals((double) GENESIS.getBytes(StandardCharsets.UTF_8).length / ids.length, corpus.path("bytes_per_token").asDouble(), 1e-12);
        assertEquals(vocabulary.length, corpus.path("vocabulary_size").asInt());
        assertEquals(rowCount, corpus.path("rows").asInt());
        assertEquals(ids.length - rowCount * 8, corpus.path("dropped_tokens").asInt());
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertEquals(corpus.path("bytes_per_token").asDouble(), run.path("results").path("bytes_per_token").asDouble());
        assertTrue(run.toString().contains("genesis.txt"), "the text is an input of the run");
        assertTrue(result.out().contains(ids.length + " tokens"), result.out());

        Path again = tmp.resolve("again");
        assertEquals(0, lm("corpus", text.toString(), "--seq-len", "7", "--vocabulary", "compact", "--epochs", "3", "--held-out", "2", "--seed",
                "5", "--out", again.toString()).exitCode());
        assertArrayEquals(Files.readAllBytes(out.resolve("train.npy")), Files.readAllBytes(again.resolve("train.npy")), "same seed, same rows");
        Path other = tmp.resolve("other");
        assertEquals(0, lm("corpus", text.toString(), "--seq-len", "7", "--vocabulary", "compact", "--epochs", "3", "--held-out", "2", "--seed",
                "6", "--out", other.toString()).exitCode());
        assertFalse(Arrays.equals(Files.readAllBytes(out.resolve("train.npy")), Files.readAllBytes(other.resolve("train.npy"))));
    }

    @Test
    void theFullVocabularyKeepsGptNeoXIdsAndJoinsTextsWithTheEndOfDocumentId() throws IOException {
        Path second = Files.writeString(tmp.resolve("second.txt"), "Hello world");
        Path out = tmp.resolve("full");
        Result result = lm("corpus", second.toString(), text.toString(), "--seq-len", "3", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err());
        assertFalse(Files.exists(out.resolve("vocabulary.npy")));
        assertFalse(Files.exists(out.resolve("held-out.npy")));
        int[] joined = IntStream.concat(IntStream.of(12092, 1533, 0), IntStream.of(ids)).toArray();
        int[][] train = rows(out.resolve("train.npy"));
        assertEquals(joined.length / 4, train.length);
        List<int[]> expected = new ArrayList<>();
        for (int r = 0; r < train.length; r++) {
            expected.add(Arrays.copyOfRange(joined, 4 * r, 4 * r + 4));
        }
        assertTrue(Arrays.stream(train).anyMatch(row -> Arrays.equals(row, new int[] {12092, 1533, 0, ids[0]})), "the first row, EOD between texts");
        for (int[] row : train) {
            assertTrue(expected.stream().anyMatch(e -> Arrays.equals(e, row)), Arrays.toString(row));
        }
        JsonNode corpus = JSON.readTree(out.resolve("corpus.json").toFile());
        assertEquals(GptNeoXTokenizer.VOCAB_SIZE, corpus.path("vocabulary_size").asInt());
        assertEquals(joined.length, corpus.path("tokens").asInt());
        assertEquals((GENESIS.length() + "Hello world".length()) / (double) (ids.length + 2), corpus.path("bytes_per_token").asDouble(), 1e-12,
                "bytes of text per token of text: the EOD between texts is not text");
    }

    @Test
    void lmTrainTrainsOnTheRows() throws IOException {
        Path out = tmp.resolve("corpus");
        assertEquals(0, lm("corpus", text.toString(), "--seq-len", "7", "--vocabulary", "compact", "--epochs", "2", "--out", out.toString()).exitCode());
        int vocabulary = JSON.readTree(out.resolve("corpus.json").toFile()).path("vocabulary_size").asInt();
        Path config = tmp.resolve("config.json");
        NeoXConfigFile.write(LmConfig.pythia(1, 16, 2, vocabulary, 7), config);
        Result train = lm("train", "--model-config", config.toString(), "--data", out.resolve("train.npy").toString(), "--steps", "3",
                "--batch-size", "2", "--checkpoints", "steps:3", "--out", tmp.resolve("train").toString());
        assertEquals(0, train.exitCode(), train.err());
        assertTrue(Files.isDirectory(tmp.resolve("train/checkpoints/step3")));
    }

    // ---- bad input: a usage error naming the file or option, no stack trace, no run directory ----

    private void assertUsage(Result result, String message) {
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains(message), "expected '" + message + "' in:\n" + result.err());
        assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
        assertTrue(Files.notExists(tmp.resolve("out")), "no --out directory");
        assertTrue(Files.notExists(tmp.resolve("runs")), "no default run directory");
    }

    private Result corpus(String... args) {
        List<String> line = new ArrayList<>(List.of("corpus"));
        line.addAll(List.of(args));
        line.addAll(List.of("--out", tmp.resolve("out").toString()));
        return lm(line.toArray(String[]::new));
    }

    @Test
    void badInputIsAUsageErrorWithoutARun() throws IOException {
        Path missing = tmp.resolve("missing.txt");
        assertUsage(corpus(missing.toString()), "TEXT " + missing + ": no such file or directory");
        assertUsage(corpus(tmp.toString()), "TEXT " + tmp + ": is a directory, not a file");
        Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
        assertUsage(corpus(text.toString(), empty.toString()), "TEXT " + empty + ": empty, there is no text to encode");
        Path latin1 = Files.write(tmp.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
        assertUsage(corpus(latin1.toString()), "TEXT " + latin1 + ": not valid UTF-8 text");
        assertUsage(corpus(text.toString(), "--seq-len", "4096"), "--seq-len 4096: the text has " + ids.length + " tokens, fewer than one row of 4097");
        int rows = ids.length / 8;
        assertUsage(corpus(text.toString(), "--seq-len", "7", "--held-out", Integer.toString(rows)),
                "--held-out " + rows + ": the text makes only " + rows + " rows of 8 tokens, so none would be left to train on");
        assertUsage(corpus(text.toString(), "--seq-len", "0"), "--seq-len 0: must be at least 1");
        assertUsage(corpus(text.toString(), "--epochs", "0"), "--epochs 0: must be at least 1");
        assertUsage(corpus(text.toString(), "--held-out", "-1"), "--held-out -1: must be at least 0");
        assertUsage(corpus(text.toString(), "--vocabulary", "dense"), "--vocabulary dense: expected full or compact");
        assertUsage(corpus(), "Missing required parameter: 'TEXT'");
    }
}
