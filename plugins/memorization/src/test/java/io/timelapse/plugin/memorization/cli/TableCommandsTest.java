package io.timelapse.plugin.memorization.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.shard.Shard;
import io.timelapse.lib.plot.FigureSize;
import io.timelapse.plugin.memorization.analysis.PredictionReport;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.selection.RowSelections;
import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.ScoreTableFiles;
import io.timelapse.plugin.memorization.table.Tables;
import io.timelapse.plugin.memorization.table.TrainingSettings;
import io.timelapse.testkit.CommandTester.Result;
import io.timelapse.testkit.CommandTester;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memorization merge} and {@code memorization predict} as the CLI runs them. */
class TableCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void mergeJoinsShardTables() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        RowSelection selection = RowSelections.range(0, 7);
        Path[] dirs = new Path[2];
        for (int i = 0; i < 2; i++) {
            Shard shard = new Shard(i, 2);
            RowSelection rows = selection.shard(shard);
            byte[] matches = new byte[(int) rows.size()];
            for (int k = 0; k < matches.length; k++) {
                matches[k] = (byte) (rows.row(k) * 4);
            }
            dirs[i] = tmp.resolve("shard" + i);
            ScoreTableFiles.write(dirs[i], new ScoreTable(Tables.header("m", 2L, selection, shard), rows, matches), false);
        }
        Path out = tmp.resolve("merged");
        Result result = tester.execute("memorization", new MergeCommand(tester.runs()), dirs[1].toString(), dirs[0].toString(),
                "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());
        ScoreTable merged = ScoreTableFiles.read(out);
        assertArrayEquals(new byte[] {0, 4, 8, 12, 16, 20, 24}, merged.matches());
        assertTrue(Files.readString(out.resolve("scores.csv")).endsWith("6,24,0.75\n"));
        assertTrue(result.out().contains("7 rows, 0 memorized"), result.out());

        Result lonely = tester.execute("memorization", new MergeCommand(tester.runs()), dirs[1].toString(), "--out", tmp.resolve("x").toString());
        assertEquals(2, lonely.exitCode());
        assertTrue(lonely.err().contains("missing shards [0] of 2"), lonely.err());
        assertFalse(Files.exists(tmp.resolve("x")), "a refused merge leaves no run directory");
    }

    @Test
    void predictWritesTablesAndPlots() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        RowSelection rows = RowSelections.range(0, 2048);
        int[] target = new int[2048];
        int[] early = new int[2048];
        int[] late = new int[2048];
        for (int i = 0; i < 2048; i++) {
            target[i] = i % 10 == 0 ? 32 : i % 32;
            early[i] = i % 40 == 0 ? 32 : 3;     // flags a quarter of the target's memorized rows, nothing else
            late[i] = i % 20 == 0 || i % 7 == 1 ? 32 : 5;
        }
        ScoreTableFiles.write(tmp.resolve("t"), Tables.table("model", 40L, rows, target), false);
        ScoreTableFiles.write(tmp.resolve("e"), Tables.table("model", 10L, rows, early), false);
        ScoreTableFiles.write(tmp.resolve("l"), Tables.table("model", 20L, rows, late), false);
        Path out = tmp.resolve("report");
        Result result = tester.execute("memorization", new PredictCommand(tester.runs()), "--target", tmp.resolve("t").toString(),
                "--predictor", "early=" + tmp.resolve("e"), "--predictor", tmp.resolve("l").toString(), "--out", out.toString());
        assertEquals(0, result.exitCode(), result.err() + result.out());

        List<String> lines = Files.readAllLines(out.resolve(PredictionReport.PREDICTIONS_CSV));
        assertEquals(3, lines.size());
        // The target memorizes rows ≡ 0 mod 10 (205). early: TP = rows ≡ 0 mod 40 = 52, FP 0, FN = 205 − 52 = 153, TN = 2048 − 205.
        String[] early0 = lines.get(1).split(",");
        assertEquals("early", early0[0]);
        assertEquals(List.of("52", "0", "153", "1843", "1.0"), List.of(early0[8], early0[9], early0[10], early0[11], early0[12]));
        assertEquals(52.0 / 205, Double.parseDouble(early0[13]), 1e-12);
        assertEquals(0.25, Double.parseDouble(early0[5]), 1e-12); // 10 of 40 steps' tokens
        assertEquals("model@20", lines.get(2).split(",")[0]);
        assertTrue(result.out().contains("| early |"), result.out());

        for (String figure : new String[] {PredictionReport.PRECISION_RECALL_FIGURE, PredictionReport.MEMORIZED_FIGURE,
                PredictionReport.HISTOGRAMS_FIGURE, PredictionReport.POISSON_FIGURE}) {
            BufferedImage image = ImageIO.read(out.resolve(figure + ".png").toFile());
            assertEquals(FigureSize.COLUMN.pngWidth(), image.getWidth(), figure);
            assertEquals(FigureSize.COLUMN.pngHeight(), image.getHeight(), figure);
            assertTrue(Files.readString(out.resolve(figure + ".svg")).contains("<svg"), figure);
        }
        // Two predictors, one curve each for precision and recall; compute is labelled at decades.
        String precisionRecall = Files.readString(out.resolve(PredictionReport.PRECISION_RECALL_FIGURE + ".svg"));
        assertTrue(precisionRecall.contains("id='series-0'") && precisionRecall.contains("id='series-1'"), precisionRecall);
        assertFalse(precisionRecall.contains("id='series-2'"));
        List<String> poisson = Files.readAllLines(out.resolve(PredictionReport.POISSON_CSV));
        assertTrue(poisson.get(1).startsWith("model@40,512,4,"), poisson.get(1));
        List<String> histogram = Files.readAllLines(out.resolve(PredictionReport.HISTOGRAMS_CSV));
        assertEquals("matches,score,model@40,early,model@20", histogram.get(0));
        // Three matches: the target rows ≡ 3 mod 32 (all odd, so none ≡ 0 mod 10): 64; early: the 2048 − 52 unflagged rows.
        assertEquals("3,0.09375,64,1996,0", histogram.get(4));
    }

    @Test
    void predictRefusesBadOptionsBeforeARunStarts() throws IOException {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        RowSelection rows = RowSelections.range(0, 4);
        ScoreTableFiles.write(tmp.resolve("t"), Tables.table("model", 40L, rows, 32, 0, 32, 1), false);
        ScoreTableFiles.write(tmp.resolve("e"), Tables.table("model", 10L, rows, 32, 0, 0, 1), false);
        Path out = tmp.resolve("report");
        String t = tmp.resolve("t").toString();
        String e = tmp.resolve("e").toString();
        PredictCommand command = new PredictCommand(tester.runs());
        Usage.assertRefused(tester.execute("memorization", command, "--target", t, "--predictor", e, "--threshold", "33", "--out", out.toString()),
                "--threshold 33: must be a match count in [1, 32]", out);
        Usage.assertRefused(tester.execute("memorization", new PredictCommand(tester.runs()), "--target", t, "--predictor", e, "--window", "0",
                "--out", out.toString()), "--window 0: a window must hold at least 1 row", out);
        Usage.assertRefused(tester.execute("memorization", new PredictCommand(tester.runs()), "--target", t, "--predictor", e, "--compute", "big=1e9",
                "--out", out.toString()), "--compute big=1.0E9: no table is labelled big; the labels are [model@10, model@40]", out);
        Usage.assertRefused(tester.execute("memorization", new PredictCommand(tester.runs()), "--target", t, "--predictor", e, "--compute", "model@10=-1",
                "--out", out.toString()), "--compute model@10=-1.0: must be a positive number of FLOPs", out);
        Usage.assertRefused(tester.execute("memorization", new PredictCommand(tester.runs()), "--target", t, "--predictor", e, "--predictor", e,
                "--out", out.toString()), "--predictor model@10: another table has this label; name each table with LABEL=TABLE", out);
        Usage.assertRefused(tester.execute("memorization", new PredictCommand(tester.runs()), "--target", tmp.resolve("none").toString(), "--predictor", e,
                "--out", out.toString()), "--target " + tmp.resolve("none") + ": not a score table (no such file or directory)", out);
        Usage.assertRefused(tester.execute("memorization", new MergeCommand(tester.runs()), tmp.resolve("none").toString(), "--out", out.toString()),
                "TABLE " + tmp.resolve("none") + ": not a score table (no such file or directory)", out);
    }

    @Test
    void predictRefusesComputeDerivedFromConflictingSettingsAndRecordsItsInputs() throws Exception {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        RowSelection rows = RowSelections.range(0, 4);
        byte[] matches = {32, 0, 32, 1};
        ScoreTableFiles.write(tmp.resolve("t"), new ScoreTable(Tables.header("m", 84L, rows, Shard.WHOLE, new TrainingSettings(1024, 64, "--batch-size")),
                rows, matches), false);
        ScoreTableFiles.write(tmp.resolve("p"), new ScoreTable(Tables.header("xs", 84L, rows, Shard.WHOLE,
                new TrainingSettings(16, 64, "/models/xs/training.json")), rows, matches), false);
        Path out = tmp.resolve("report");
        Usage.assertRefused(tester.execute("memorization", new PredictCommand(tester.runs()), "--target", tmp.resolve("t").toString(),
                "--predictor", tmp.resolve("p").toString(), "--out", out.toString()),
                "the compute of m@84 and of xs@84 was derived from conflicting training settings: batch 1024 × 64 tokens (from --batch-size)"
                        + " vs batch 16 × 64 tokens (from /models/xs/training.json)", out);

        ScoreTableFiles.write(tmp.resolve("t"), new ScoreTable(Tables.header("m", 84L, rows, Shard.WHOLE, new TrainingSettings(16, 64, "/models/m/training.json")),
                rows, matches), false);
        Result agreed = tester.execute("memorization", new PredictCommand(tester.runs()), "--target", tmp.resolve("t").toString(),
                "--predictor", tmp.resolve("p").toString(), "--out", out.toString());
        assertEquals(0, agreed.exitCode(), agreed.err() + agreed.out());
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        Map<String, String> inputs = new HashMap<>();
        run.get("inputs").forEach(input -> inputs.put(input.get("path").asText(), input.get("sha256").asText()));
        for (String table : new String[] {"t", "p"}) {
            for (String file : new String[] {ScoreTableFiles.HEADER, ScoreTableFiles.MATCHES}) {
                Path path = tmp.resolve(table).resolve(file).toAbsolutePath().normalize();
                assertEquals(ScoreCommandTest.sha256(path), inputs.get(path.toString()), path + " in " + inputs);
            }
        }
    }
}
