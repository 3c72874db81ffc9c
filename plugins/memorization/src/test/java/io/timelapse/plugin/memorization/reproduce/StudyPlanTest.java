package io.timelapse.plugin.memorization.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** When the two regimes train, checkpoint, score and compare. */
class StudyPlanTest {

    @Test
    void pythiasRegimeScalesThePapersComparedCheckpointsAndScoresTheRowsTheEarliestHasSeen() {
        // Pythia itself: the paper's steps, rows < 23,000 × 1024, 1 % warm-up.
        StudyPlan pythia = StudyPlan.pythia(143_000, 1024);
        assertEquals(StudyPlan.PYTHIA_COMPARED, pythia.compared());
        assertEquals(23_552_000, pythia.scoredRows());
        assertEquals(146_432_000, pythia.finalRows());
        assertEquals(1430, pythia.warmupSteps());

        StudyPlan small = StudyPlan.pythia(1718, 32);
        assertEquals(List.of(276L, 517L, 757L, 997L, 1237L, 1478L, 1718L), small.compared());
        assertEquals(276 * 32, small.scoredRows());
        assertEquals(17, small.warmupSteps());
        assertEquals("log2+steps:276,517,757,997,1237,1478,1718", small.checkpointSchedule());
        assertEquals("m@step997", small.label("m", 997));
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class, () -> StudyPlan.pythia(6, 32));
        assertEquals("6 steps are too few for the paper's 7 compared checkpoints; give more rows", tooFew.getMessage());
    }

    @Test
    void repeatedEpochsCompareEvenlySpacedCheckpointsOnTheFirstEpoch() {
        StudyPlan plan = StudyPlan.repeatedEpochs(50, 12, 4, 16);
        assertEquals(600, plan.steps());
        assertEquals(List.of(150L, 300L, 450L, 600L), plan.compared());
        assertEquals(800, plan.scoredRows());
        assertEquals(800, plan.finalRows());
        assertEquals(30, plan.warmupSteps());
        assertEquals("steps:150,300,450,600", plan.checkpointSchedule());
        assertEquals("m@9ep", plan.label("m", 450));
    }
}
