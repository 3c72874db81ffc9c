package io.timelapse.plugin.memorization.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.shard.Shard;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.tokens.megatron.MMapIndexedDatasetWriter;
import io.timelapse.lib.tokens.megatron.TokenType;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.selection.RowSelections;
import io.timelapse.plugin.memorization.table.DataIdentity;
import io.timelapse.plugin.memorization.table.ModelIdentity;
import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import io.timelapse.plugin.memorization.table.ScoringMode;
import io.timelapse.plugin.memorization.table.TableHeader;
import io.timelapse.plugin.memorization.table.TrainingSettings;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memorization explain} on .npy rows and on a pre-shuffled layout, as the CLI runs it. */
class ExplainCommandTest {

    private static final int ROWS = 30;
    private static final int LENGTH = 70;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private CommandTester tester;
    private int[] stream;

    @BeforeEach
    void setUp() {
        tester = new CommandTester(tmp.resolve("runs"));
        SplittableRandom random = new SplittableRandom(11);
        stream = new int[ROWS * LENGTH];
        for (int i = 0; i < stream.length; i++) {
            stream[i] = 1 + random.nextInt(500);
        }
        // Row 2's window at the starts of rows 9 and 17 and straddling rows 20 and 21; its prefix once more in row 25.
        System.arraycopy(stream, 2 * LENGTH, stream, 9 * LENGTH, 64);
        System.arraycopy(stream, 2 * LENGTH, stream, 17 * LENGTH, 64);
        System.arraycopy(stream, 2 * LENGTH, stream, 20 * LENGTH + 40, 64);
        System.arraycopy(stream, 2 * LENGTH, stream, 25 * LENGTH + 5, 32);
        // Documents end with EOD (0) inside row 4.
        stream[4 * LENGTH + 9] = 0;
        stream[4 * LENGTH + 50] = 0;
    }

    private Path npyRows() throws IOException {
        Path file = tmp.resolve("data/rows.npy");
        Files.createDirectories(file.getParent());
        Npy.writeInts(file, DType.INT32, stream, ROWS, LENGTH);
        return file;
    }

    private Path itemRows() throws IOException {
        Path prefix = tmp.resolve("data/train_text_document");
        Files.createDirectories(prefix.getParent());
        List<long[]> items = new ArrayList<>();
        for (int r = 0; r < ROWS; r++) {
            long[] item = new long[LENGTH];
            for (int i = 0; i < LENGTH; i++) {
                item[i] = stream[r * LENGTH + i];
            }
            items.add(item);
        }
        MMapIndexedDatasetWriter.write(prefix, TokenType.UINT16, items);
        return prefix.resolveSibling("train_text_document.bin");
    }

    /** A table of rows [0, 24) scored on {@code data}, trained 4 rows a step: every third row memorized. */
    private Path table(Path data, String layout) throws IOException {
        RowSelection rows = RowSelections.range(0, 24);
        ModelIdentity model = new ModelIdentity("m", "/models/m", 6L, 1000L, new TrainingSettings(4, LENGTH - 1, "test"),
                Map.of("model.safetensors", "ab".repeat(32)));
        TableHeader header = new TableHeader(32, 32, ScoringMode.GREEDY, List.of(0), model,
                new DataIdentity(data.toString(), layout, LENGTH), rows.describe(), rows.size(), Shard.WHOLE);
        byte[] matches = new byte[24];
        for (int k = 0; k < 24; k++) {
            matches[k] = (byte) (k % 3 == 0 ? 32 : k % 32);
        }
        Path dir = tmp.resolve("table");
        ScoreTableFiles.write(dir, new ScoreTable(header, rows, matches), false);
        return dir;
    }

    private int bruteForce(int row, int length) {
        int count = 0;
        for (int p = 0; p + length <= stream.length; p++) {
            boolean same = true;
            for (int i = 0; i < length && same; i++) {
                same = stream[p + i] == stream[row * LENGTH + i];
            }
            count += same ? 1 : 0;
        }
        return count;
    }

    private List<JsonNode> explain(TrainingDataProvider layout, Path out, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", out.toString()));
        Result result = tester.execute("memorization", new ExplainCommand(tester.runs(), layout), all.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.err() + result.out());
        assertTrue(result.out().contains("8 of 24 rows memorized; 2100 tokens streamed"), result.out());
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("rows.jsonl"))) {
            rows.add(JSON.readTree(line));
        }
        assertEquals(24, rows.size());
        for (int k = 0; k < 24; k++) {
            JsonNode row = rows.get(k);
            assertEquals(k, row.get("row").asLong());
            assertEquals(k / 4, row.get("step").asLong());
            assertEquals(k % 3 == 0, row.get("memorized").asBoolean());
            assertEquals(bruteForce(k, 64), row.get("window_count").asInt(), "row " + k);
            assertEquals(bruteForce(k, 32), row.get("prefix_count").asInt(), "row " + k);
            assertEquals("eod_segments", row.get("spans_are").asText());
        }
        for (int k : new int[] {2, 9, 17}) {
            assertEquals(4, rows.get(k).get("window_count").asInt());
            assertEquals(5, rows.get(k).get("prefix_count").asInt());
        }
        JsonNode spans = rows.get(4).get("spans");
        assertEquals(3, spans.size());
        assertEquals(List.of(0, 10, 51), List.of(spans.get(0).get("row_offset").asInt(), spans.get(1).get("row_offset").asInt(),
                spans.get(2).get("row_offset").asInt()));
        assertEquals(List.of(10, 41, 19), List.of(spans.get(0).get("length").asInt(), spans.get(1).get("length").asInt(),
                spans.get(2).get("length").asInt()));
        assertTrue(spans.get(0).get("start").isNull(), "the row's first segment may continue a document");
        assertEquals(0, spans.get(1).get("start").asInt());
        assertTrue(spans.get(1).get("ends_document").asBoolean());
        assertFalse(spans.get(2).get("ends_document").asBoolean());

        // Rows 2, 9 and 17 (4 occurrences) are in bin 4–7, memorized: row 9 only. By prefix, so is row 21 (memorized), which starts
        // with tokens 30 to 61 of row 2's window, and so occurs wherever that window does.
        assertEquals(4, rows.get(21).get("prefix_count").asInt());
        assertEquals("counted,from,to,rows,memorized,rate\n64-token window,1,1,21,7,0.333333\n64-token window,2,3,0,0,\n"
                + "64-token window,4,7,3,1,0.333333\n32-token prefix,1,1,20,6,0.300000\n32-token prefix,2,3,0,0,\n"
                + "32-token prefix,4,7,4,2,0.500000\n", Files.readString(out.resolve("bins.csv")));
        JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        assertEquals(24, summary.get("rows").asInt());
        assertEquals(8, summary.get("memorized").asInt());
        assertEquals(2100, summary.get("tokens_streamed").asLong());
        for (String figure : List.of("memorization_vs_duplication.png", "memorization_vs_duplication.svg", "rows_per_duplication_bin.png")) {
            assertTrue(Files.size(out.resolve(figure)) > 1000, figure);
        }
        JsonNode run = JSON.readTree(out.resolve("run.json").toFile());
        assertEquals("succeeded", run.get("status").asText());
        assertEquals(8, run.get("results").get("memorized").asInt());
        String inputs = run.get("inputs").toString();
        assertTrue(inputs.contains("table.json") && inputs.contains("matches.npy"), inputs);
        return rows;
    }

    @Test
    void explainsRowsOfAnNpyNamedByTheTable() throws IOException {
        Path data = npyRows();
        Path out = tmp.resolve("explain-npy");
        List<JsonNode> rows = explain(ScoreCommandTest.NO_LAYOUT, out, "--table", table(data, "npy").toString());
        assertFalse(rows.get(0).has("byte_offset"));
        assertTrue(JSON.readTree(out.resolve("run.json").toFile()).get("inputs").toString().contains("rows.npy"));
    }

    @Test
    void explainsRowsOfAPreshuffledLayoutWithTheirByteOffsets() throws IOException {
        Path data = itemRows();
        Path out = tmp.resolve("explain-preshuffled");
        List<JsonNode> rows = explain(new ItemRowsLayout(), out, "--table", table(data, "pythia-preshuffled").toString(),
                "--data", data.toString());
        assertEquals(7L * LENGTH * 2, rows.get(7).get("byte_offset").asLong());
        assertEquals(0, rows.get(7).get("shard").asInt());
    }

    @Test
    void refusesBadInputBeforeARunStarts() throws IOException {
        Path data = npyRows();
        Path tableDir = table(tmp.resolve("gone.npy"), "npy");
        Path out = tmp.resolve("refused");
        Usage.assertRefused(run("--table", tmp.resolve("nothing").toString(), "--out", out.toString()), "--table " + tmp.resolve("nothing")
                + ": not a score table (no such file or directory)", out);
        Usage.assertRefused(run("--table", tableDir.toString(), "--out", out.toString()), "--data: not given, and the data the table names ("
                + tmp.resolve("gone.npy") + ") does not exist; give --data", out);
        Path shortRows = tmp.resolve("short.npy");
        Npy.writeInts(shortRows, DType.INT32, new int[10 * 40], 10, 40);
        Usage.assertRefused(run("--table", tableDir.toString(), "--data", shortRows.toString(), "--out", out.toString()),
                "--data " + shortRows + ": rows of 40 tokens, but the table was scored on rows of 70", out);
        Path fewRows = tmp.resolve("few.npy");
        Npy.writeInts(fewRows, DType.INT32, new int[10 * LENGTH], 10, LENGTH);
        Usage.assertRefused(run("--table", tableDir.toString(), "--data", fewRows.toString(), "--out", out.toString()),
                "--table " + tableDir + ": reaches row 23, but --data " + fewRows + " has 10 rows", out);
        Usage.assertRefused(run("--table", tableDir.toString(), "--data", tmp.resolve("x.bin").toString(), "--out", out.toString()),
                "--data " + tmp.resolve("x.bin") + ": neither an .npy of token rows nor a pythia-preshuffled dataset", out);
        assertTrue(Files.exists(data));
    }

    private Result run(String... args) {
        return tester.execute("memorization", new ExplainCommand(tester.runs(), ScoreCommandTest.NO_LAYOUT), args);
    }
}
