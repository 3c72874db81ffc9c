package io.timelapse.plugin.memorization.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.run.Progress;
import io.timelapse.api.shard.Shard;
import io.timelapse.lib.tokens.NpyTokenRows;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.selection.RowSelections;
import io.timelapse.plugin.memorization.table.ScoringMode;
import io.timelapse.plugin.memorization.table.TableHeader;
import io.timelapse.plugin.memorization.table.Tables;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scoring job killed part-way resumes from its log without losing or rescoring finished rows. */
class ScoringJobTest {

    @TempDir
    Path tmp;

    @Test
    void aKilledJobResumesWhereItStopped() throws IOException {
        try (LanguageModel model = TinyModel.MODELS.load(TinyModel.directory());
             NpyTokenRows data = NpyTokenRows.open(TinyModel.inputs(), 4)) {
            MemorizationScorer scorer = new MemorizationScorer(model, new ScoringSetup(32, 32, ScoringMode.GREEDY, new int[] {0}));
            RowSelection rows = RowSelections.range(0, 8);
            TableHeader header = Tables.header("tiny", 2L, rows, Shard.WHOLE);
            Path log = tmp.resolve("scores.log");
            List<Integer> batches = new ArrayList<>();
            // The "kill": the third batch never finishes.
            assertThrows(IllegalStateException.class, () -> ScoringJob.run(data, rows, header, (windows, n, matches) -> {
                if (batches.size() == 2) {
                    throw new IllegalStateException("killed");
                }
                batches.add(n);
                scorer.score(windows, n, matches);
            }, log, 3, Progress.NONE));
            assertEquals(List.of(3, 3), batches);
            try (RandomAccessFile raw = new RandomAccessFile(log.toFile(), "rw")) {
                raw.seek(raw.length());
                raw.write(new byte[] {2, 0, 0, 0, 6}); // a torn record header
            }
            List<Integer> resumed = new ArrayList<>();
            ScoringJob.Outcome outcome = ScoringJob.run(data, rows, header, (windows, n, matches) -> {
                resumed.add(n);
                scorer.score(windows, n, matches);
            }, log, 3, Progress.NONE);
            assertEquals(List.of(2), resumed);
            assertEquals(6, outcome.resumedRows());
            assertEquals(2, outcome.scoredRows());
            assertEquals(5, outcome.discardedLogBytes());
            assertArrayEquals(new byte[] {32, 32, 31, 31, 16, 16, 0, 0}, outcome.table().matches());
            assertEquals(8, outcome.table().size());
            Files.delete(log);
        }
    }

    @Test
    void rowsBeyondTheDataAreRefused() throws IOException {
        try (NpyTokenRows data = NpyTokenRows.open(TinyModel.inputs(), 4)) {
            RowSelection rows = RowSelections.range(4, 9);
            String e = assertThrows(IllegalArgumentException.class, () -> ScoringJob.run(data, rows, Tables.header("tiny", 2L, rows, Shard.WHOLE),
                    (w, n, m) -> {}, tmp.resolve("log"), 4, Progress.NONE)).getMessage();
            assertEquals(true, e.contains("inputs.npy has 8 rows; the selection reaches row 8"), e);
        }
    }
}
