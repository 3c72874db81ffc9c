package io.timelapse.plugin.pythia.cli;

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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tokenize and detokenize against the HF tokenizers encodings in {@code tokenizer/encode_cases.json}. */
class TextCommandsTest {

    @TempDir
    Path tmp;

    private Path runsRoot;
    private CommandTester tester;

    @BeforeEach
    void setUp() {
        runsRoot = tmp.resolve("runs");
        tester = new CommandTester(runsRoot);
    }

    private static JsonNode cases() throws IOException {
        try (InputStream in = TextCommandsTest.class.getResourceAsStream("/tokenizer/encode_cases.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static String commaSeparated(JsonNode ids) {
        return StreamSupport.stream(ids.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(","));
    }

    @Test
    void tokenizePrintsTheReferenceIdsAndDetokenizeRestoresTheText() throws IOException {
        for (JsonNode c : cases()) {
            String text = c.get("text").asText();
            Result encoded = tester.execute("pythia", new TokenizeCommand(tester.runs()), "--text", text);
            assertEquals(0, encoded.exitCode(), encoded.err());
            assertEquals(commaSeparated(c.get("ids")), encoded.out().strip(), text);
            Result decoded = tester.execute("pythia", new DetokenizeCommand(tester.runs()), "--ids", commaSeparated(c.get("ids")));
            assertEquals(0, decoded.exitCode(), decoded.err());
            assertEquals(text + System.lineSeparator(), decoded.out(), text);
        }
        assertEquals(0, Files.exists(runsRoot) ? Files.list(runsRoot).count() : 0, "printing writes no run");
    }

    @Test
    void tokenizeAFileToNpyAndDecodeTheFile() throws IOException {
        Path text = tmp.resolve("text.txt");
        Files.writeString(text, "Hello  world", StandardCharsets.UTF_8);
        Path ids = tmp.resolve("ids.npy");
        Result result = tester.execute("pythia", new TokenizeCommand(tester.runs()), text.toString(), "--append-eod", "--out", ids.toString());
        assertEquals(0, result.exitCode(), result.err());
        NpyArray array = Npy.read(ids);
        assertEquals(DType.INT32, array.dtype());
        assertArrayEquals(new int[] {12092, 50276, 10186, 0}, array.asIntArray());
        Map<String, String> inputs = RunFiles.inputs(RunFiles.onlyRun(runsRoot));
        assertEquals(Map.of("text.txt", RunFiles.sha256(text)), inputs);

        Result decoded = tester.execute("pythia", new DetokenizeCommand(tester.runs()), ids.toString());
        assertEquals("Hello  world<|endoftext|>", decoded.out().strip());
        Result skipped = tester.execute("pythia", new DetokenizeCommand(tester.runs()), ids.toString(), "--skip-special-tokens");
        assertEquals("Hello  world", skipped.out().strip());
    }

    @Test
    void detokenizeDecodesBatchRowsAndReportsPaddedIds() {
        // Row 0 of batch_viewer's step-0 output: uint16 rows of 65 tokens.
        Path batch = Fixtures.path("preshuffled/expected/batch_step0.npy");
        Result all = tester.execute("pythia", new DetokenizeCommand(tester.runs()), batch.toString());
        assertEquals(0, all.exitCode(), all.err());
        assertEquals(8, all.out().lines().filter(line -> line.startsWith("--- row ")).count(), all.out());
        Result one = tester.execute("pythia", new DetokenizeCommand(tester.runs()), batch.toString(), "--row", "3");
        assertEquals(0, one.exitCode(), one.err());
        assertTrue(one.out().startsWith("--- row 3"), one.out());

        // An id that is no token is a bad --ids value (a usage error), but bad content of a file (a failure).
        Result padded = tester.execute("pythia", new DetokenizeCommand(tester.runs()), "--ids", "12092,50300,1533");
        assertEquals(2, padded.exitCode());
        assertTrue(padded.err().contains("--ids: token id 50300 (item 2)") && padded.err().contains("--skip-unknown"), padded.err());
        Result skipped = tester.execute("pythia", new DetokenizeCommand(tester.runs()), "--ids", "12092,50300,1533", "--skip-unknown");
        assertEquals(0, skipped.exitCode(), skipped.err());
        assertEquals("Hello world", skipped.out().strip());

        Result notANumber = tester.execute("pythia", new DetokenizeCommand(tester.runs()), "--ids", "12092,x");
        assertEquals(2, notANumber.exitCode());
        assertTrue(notANumber.err().contains("'x'"), notANumber.err());
        Result neither = tester.execute("pythia", new DetokenizeCommand(tester.runs()));
        assertEquals(2, neither.exitCode());
        Result missing = tester.execute("pythia", new DetokenizeCommand(tester.runs()), tmp.resolve("none.npy").toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("none.npy"), missing.err());
    }

    @Test
    void anUnknownIdInAFileIsAFailureNamingTheFileAndPosition() throws IOException {
        Path ids = tmp.resolve("padded.npy");
        Npy.writeInts(ids, DType.INT32, new int[] {12092, 50300});
        Result result = tester.execute("pythia", new DetokenizeCommand(tester.runs()), ids.toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("token id 50300 at position 1 in " + ids), result.err());
        assertFalse(result.err().contains("Exception") || result.err().contains("\tat "), result.err());
    }

    @Test
    void tokenizeRejectsInvalidUtf8NamingTheFile() throws IOException {
        Path bad = tmp.resolve("latin1.txt");
        Files.write(bad, new byte[] {'c', 'a', 'f', (byte) 0xE9});
        Result result = tester.execute("pythia", new TokenizeCommand(tester.runs()), bad.toString());
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains(bad.toString()) && result.err().contains("UTF-8"), result.err());
    }
}
