package io.timelapse.plugin.memorization.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.memorization.selection.RowSelections;
import io.timelapse.plugin.memorization.selection.RowSubset;
import io.timelapse.plugin.memorization.table.ScoreTable;
import io.timelapse.plugin.memorization.table.Tables;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionAnalysisTest {

    @Test
    void predictorsAreComparedOnTheRowsTheyShareWithTheTarget() {
        // Target: rows 0..5; predictor: rows 2, 3, 5, 9 (9 is not in the target).
        ScoreTable target = Tables.table("big", 10L, RowSelections.range(0, 6), 32, 32, 32, 0, 31, 32);
        ScoreTable predictor = Tables.table("small", 10L, new RowSubset(new long[] {2, 3, 5, 9}, "four rows"), 32, 32, 10, 32);
        PredictionAnalysis.Result result = PredictionAnalysis.analyze(LabeledTable.of(target), List.of(LabeledTable.of(predictor)), 32, 2);
        PredictionAnalysis.PredictorResult p = result.predictions().get(0);
        assertEquals(3, p.commonRows());
        // Row 2: both memorized (TP); row 3: predictor only (FP); row 5: target only (FN).
        assertEquals(new Confusion(1, 1, 1, 0), p.confusion());
        assertEquals("small@10", p.predictor().label());
        assertEquals(1.0, p.computeFraction()); // same parameters and tokens in the test headers
        assertEquals(3, result.commonRowsOfAll());
        assertEquals(4, result.memorized().get(0).memorized());
        assertEquals(2, result.memorized().get(1).commonMemorized());
        assertEquals(4, result.histograms().get(0)[32]);
        assertEquals(1, result.histograms().get(0)[31]);
        // Threshold 31 makes row 4 memorized for the target too, but row 4 is not shared.
        PredictionAnalysis.Result lenient = PredictionAnalysis.analyze(LabeledTable.of(target), List.of(LabeledTable.of(predictor)), 31, 2);
        assertEquals(5, lenient.memorized().get(0).memorized());
        // Windows of 2 rows over the target: (32,32), (32,0), (31,32) → 2, 1, 1.
        assertArrayEquals(new int[] {2, 1, 1}, result.windows().get(0).counts());
    }

    @Test
    void inconsistentSetUpsAreRefused() {
        ScoreTable target = Tables.table("big", 10L, RowSelections.range(0, 2), 32, 0);
        String e = assertThrows(IllegalArgumentException.class,
                () -> PredictionAnalysis.analyze(LabeledTable.of(target), List.of(LabeledTable.of(target)), 33, 512)).getMessage();
        assertTrue(e.contains("--threshold"), e);
    }
}
