package io.timelapse.plugin.pythia.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.data.RowProvenance;
import io.timelapse.api.data.SourceSpan;
import io.timelapse.api.data.TrainingData;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.tokens.megatron.TokenType;
import io.timelapse.plugin.pythia.Fixtures;
import io.timelapse.plugin.pythia.service.PreshuffledTrainingDataProvider;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pythia preprocess} (a text corpus to a Megatron dataset) and {@code pythia preshuffle} (training rows in gpt-neox's order). */
class CorpusCommandsTest {

    @TempDir
    Path tmp;

    private CommandTester tester;

    @BeforeEach
    void setUp() {
        tester = new CommandTester(tmp.resolve("runs"));
    }

    private static void gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static long[] item(MMapIndexedDataset data, int i) {
        return data.get(i);
    }

    @Test
    void preprocessWritesOneItemPerDocumentInPathOrderWithEod() throws IOException {
        Path docs = Files.createDirectories(tmp.resolve("docs/sub"));
        Files.writeString(tmp.resolve("docs/b.txt"), "Linux kernel");
        gzip(tmp.resolve("docs/a.txt.gz"), "Hello world");
        Files.writeString(tmp.resolve("docs/sub/c.txt"), "");
        Files.write(docs.resolve("logo.gif"), new byte[] {(byte) 0xff, (byte) 0xd8, 0});
        Path prefix = tmp.resolve("corpus");
        Result result = tester.execute("pythia", new PreprocessCommand(tester.runs()), "--input", tmp.resolve("docs").toString(),
                "--include", "*.txt", "--include", "*.txt.gz", "--output-prefix", prefix.toString(), "--append-eod");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("2 documents (1 without text left out), 6 tokens"), result.out());

        MMapIndexedDataset data = MMapIndexedDataset.open(tmp.resolve("corpus_text_document"));
        assertEquals(TokenType.UINT16, data.type());
        assertEquals(2, data.itemCount());
        assertArrayEquals(new long[] {12092, 1533, 0}, item(data, 0), "a.txt.gz sorts before b.txt");
        assertArrayEquals(new long[] {32490, 10295, 0}, item(data, 1));

        Result binary = tester.execute("pythia", new PreprocessCommand(tester.runs()), "--input", tmp.resolve("docs").toString(),
                "--output-prefix", tmp.resolve("other").toString());
        assertEquals(1, binary.exitCode(), binary.out());
        assertTrue(binary.err().contains(docs.resolve("logo.gif") + ": not valid UTF-8 text"), binary.err());
        assertFalse(binary.err().contains("Exception"), binary.err());
        assertFalse(Files.exists(tmp.resolve("other_text_document.bin")));

        Result missing = tester.execute("pythia", new PreprocessCommand(tester.runs()), "--input", tmp.resolve("none").toString(),
                "--output-prefix", prefix.toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains(tmp.resolve("none") + ": no such file or directory"), missing.err());
        Result noDirectory = tester.execute("pythia", new PreprocessCommand(tester.runs()), "--input", tmp.resolve("docs").toString(),
                "--output-prefix", tmp.resolve("none/corpus").toString());
        assertEquals(2, noDirectory.exitCode());
        assertTrue(noDirectory.err().contains("--output-prefix " + tmp.resolve("none/corpus") + ": its directory does not exist"),
                noDirectory.err());
    }

    @Test
    void preshuffleWritesGptNeoxsTrainingRowsOneItemEach() throws IOException {
        List<String> args = new ArrayList<>(DataCommandsTest.ROUTE);
        args.addAll(List.of("--output-prefix", tmp.resolve("rows").toString()));
        Result result = tester.execute("pythia", new PreshuffleCommand(tester.runs()), args.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err());

        long rows = Fixtures.TRAIN_ITERS * Fixtures.GLOBAL_BATCH;
        long[] expected = Fixtures.npy("expected/samples_all.npy").asLongArray();
        MMapIndexedDataset data = MMapIndexedDataset.open(tmp.resolve("rows"));
        assertEquals(rows, data.itemCount());
        for (int i = 0; i < rows; i++) {
            int width = Fixtures.SEQ_LENGTH + 1;
            assertArrayEquals(Arrays.copyOfRange(expected, i * width, (i + 1) * width), item(data, i), "row " + i);
        }

        // The route recorded beside the rows lets the service name each row's source documents, as locate does.
        assertTrue(Files.isRegularFile(tmp.resolve("rows.route.json")));
        try (TrainingData rowsRead = new PreshuffledTrainingDataProvider().open(tmp.resolve("rows.bin"), Fixtures.GLOBAL_BATCH)) {
            for (long row : new long[] {0, 45, 959}) {
                List<String> locate = new ArrayList<>(DataCommandsTest.ROUTE);
                locate.addAll(List.of("--row", Long.toString(row), "--json"));
                Result located = tester.execute("pythia", new LocateCommand(tester.runs()), locate.toArray(String[]::new));
                assertEquals(0, located.exitCode(), located.err());
                JsonNode want = new ObjectMapper().readTree(located.out()).get("documents");
                RowProvenance provenance = rowsRead.provenance(row);
                assertTrue(provenance.documents());
                assertEquals(want.size(), provenance.spans().size(), "row " + row);
                for (int i = 0; i < want.size(); i++) {
                    SourceSpan span = provenance.spans().get(i);
                    assertEquals(want.get(i).get("document").asLong(), span.document(), "row " + row);
                    assertEquals(want.get(i).get("start").asLong(), span.start(), "row " + row);
                    assertEquals(want.get(i).get("row_offset").asInt(), span.rowOffset(), "row " + row);
                }
                assertEquals(row * (Fixtures.SEQ_LENGTH + 1) * 2, provenance.byteOffset());
            }
        }

        List<String> noDirectory = new ArrayList<>(DataCommandsTest.ROUTE);
        noDirectory.addAll(List.of("--output-prefix", tmp.resolve("none/rows").toString()));
        Result refused = tester.execute("pythia", new PreshuffleCommand(tester.runs()), noDirectory.toArray(String[]::new));
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("--output-prefix " + tmp.resolve("none/rows") + ": its directory does not exist"), refused.err());
    }
}
