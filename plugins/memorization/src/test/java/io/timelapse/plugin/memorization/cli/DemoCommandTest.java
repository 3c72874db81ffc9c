package io.timelapse.plugin.memorization.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.plugin.memorization.analysis.PredictionReport;
import io.timelapse.plugin.memorization.reproduce.FortuneCorpus;
import io.timelapse.plugin.memorization.reproduce.Reproduction;
import io.timelapse.plugin.memorization.reproduce.ReproductionConfig;
import io.timelapse.plugin.memorization.scoring.TinyModel;
import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import io.timelapse.testkit.CommandTester;
import io.timelapse.testkit.CommandTester.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memorization demo}: the small-scale study end to end on the embedded fortunes. */
class DemoCommandTest {

    @TempDir
    Path tmp;

    @Test
    void demoTrainsScoresAndReportsBothSetUps() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        Path out = tmp.resolve("demo");
        Result result = tester.execute("memorization", new DemoCommand(tester.runs(), TinyModel.MODELS, TinyModel.COMPUTE), "--seed", "7",
                "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        // --seed is honoured: the rows are those of seed 7, not of the default 1234, and run.json says so.
        ReproductionConfig seven = ReproductionConfig.demo().with(null, null, null, 7);
        int[] written = Npy.read(out.resolve("data/rows.npy")).asIntArray();
        assertArrayEquals(Reproduction.rows(seven, FortuneCorpus.embedded(), GptNeoXTokenizer.load()).rows(), written);
        assertFalse(Arrays.equals(Reproduction.rows(ReproductionConfig.demo(), FortuneCorpus.embedded(), GptNeoXTokenizer.load()).rows(), written));
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(7, run.get("seed").asLong());
        assertEquals(TinyModel.COMPUTE.device().summary(), run.get("device").asText());
        assertTrue(result.out().contains("data: 40 documents of ≥ 350 characters"), result.out());
        assertTrue(result.out().contains("## Smaller models → largest model"), result.out());
        assertTrue(result.out().contains("## Intermediate checkpoints → final checkpoint"), result.out());
        for (String report : new String[] {"predict-smaller-models", "predict-intermediate-checkpoints"}) {
            List<String> lines = Files.readAllLines(out.resolve(report).resolve(PredictionReport.PREDICTIONS_CSV));
            assertEquals(3, lines.size(), report + ": two predictors");
            assertTrue(Files.size(out.resolve(report).resolve(PredictionReport.PRECISION_RECALL_FIGURE + ".png")) > 1000);
            assertTrue(Files.size(out.resolve(report).resolve(PredictionReport.PRECISION_RECALL_FIGURE + ".svg")) > 1000);
        }
        // Every checkpoint of every size was scored on the same rows, and tables are valid.
        try (Stream<Path> tables = Files.list(out.resolve("scores"))) {
            List<Path> dirs = tables.sorted().toList();
            assertEquals(9, dirs.size(), dirs.toString());
            long rows = -1;
            for (Path dir : dirs) {
                ScoreTable table = ScoreTableFiles.read(dir);
                assertTrue(rows < 0 || rows == table.size());
                rows = table.size();
                assertEquals(List.of(0), table.header().bannedTokens());
                // Batch 16 of 65-token rows, as the model's training record says.
                assertEquals(table.header().model().step() * 16 * 64, table.header().model().trainedTokens());
            }
        }
        // The idx of the pre-shuffled layout: Megatron's magic, version 1, uint16 tokens, one 65-token item per row.
        byte[] idx = Files.readAllBytes(out.resolve("data/train_text_document.idx"));
        assertEquals("MMIDIDX", new String(idx, 0, 7, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(8, idx[17]);
        long rowsInData = java.nio.ByteBuffer.wrap(idx, 18, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(rowsInData * 65 * 2, Files.size(out.resolve("data/train_text_document.bin")));
        // Scaling: the largest model's final checkpoint memorizes more rows than the smallest's.
        ScoreTable smallest = ScoreTableFiles.read(out.resolve("scores").resolve(finalTable(out, "xs")));
        ScoreTable largest = ScoreTableFiles.read(out.resolve("scores").resolve(finalTable(out, "m")));
        assertTrue(largest.countAtLeast(32) > smallest.countAtLeast(32), largest.countAtLeast(32) + " vs " + smallest.countAtLeast(32));
    }

    private static String finalTable(Path out, String model) throws IOException {
        try (Stream<Path> tables = Files.list(out.resolve("scores"))) {
            return tables.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(model + "-step"))
                    .max(java.util.Comparator.comparingLong(n -> Long.parseLong(n.substring(n.indexOf("-step") + 5)))).orElseThrow();
        }
    }
}
