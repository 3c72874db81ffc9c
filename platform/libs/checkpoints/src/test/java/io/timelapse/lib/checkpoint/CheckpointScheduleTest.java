package io.timelapse.lib.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CheckpointScheduleTest {

    private static List<Long> selected(CheckpointSchedule schedule, long upTo) {
        return LongStream.rangeClosed(0, upTo).filter(schedule::isCheckpointStep).boxed().toList();
    }

    @Test
    void pythiaSavesItsPublished154CheckpointsOver143000Steps() {
        List<Long> steps = selected(CheckpointSchedule.pythia(), 143_000);
        assertEquals(154, steps.size());
        assertEquals(List.of(0L, 1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 1000L, 2000L, 3000L), steps.subList(0, 14));
        assertEquals(143_000L, steps.get(steps.size() - 1));
    }

    @Test
    void everyNStepsStartsAtN() {
        assertEquals(List.of(250L, 500L, 750L, 1000L), selected(CheckpointSchedule.every(250), 1000));
        assertThrows(IllegalArgumentException.class, () -> CheckpointSchedule.every(0));
    }

    @Test
    void logSpacedIsPowersOfTwo() {
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L), selected(CheckpointSchedule.logSpaced(), 100));
        assertEquals(true, CheckpointSchedule.logSpaced().isCheckpointStep(1L << 62));
    }

    @Test
    void explicitSteps() {
        assertEquals(List.of(0L, 3L, 17L), selected(CheckpointSchedule.steps(17, 3, 0, 3), 100));
    }

    @Test
    void schedulesAreValues() {
        assertEquals(CheckpointSchedule.every(10), CheckpointSchedule.every(10));
        assertNotEquals(CheckpointSchedule.every(10), CheckpointSchedule.every(20));
        assertEquals(CheckpointSchedule.steps(1, 2), CheckpointSchedule.steps(2, 1));
        assertEquals(CheckpointSchedule.pythia(), CheckpointSchedule.pythia());
    }

    @Test
    void parsesTheTextForm() {
        assertEquals(CheckpointSchedule.pythia(), CheckpointSchedule.parse("pythia"));
        assertEquals(CheckpointSchedule.every(1000).or(CheckpointSchedule.logSpaced()), CheckpointSchedule.parse("every:1000 + log2"));
        List<Long> expected = new ArrayList<>(List.of(1L, 2L, 4L, 5L, 8L));
        assertEquals(expected, selected(CheckpointSchedule.parse("log2+steps:5"), 10));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CheckpointSchedule.parse("hourly"));
        assertEquals("checkpoint schedule 'hourly': unknown part 'hourly' (expected every:N, log2, steps:a,b,c or pythia, joined with +)", e.getMessage());
    }
}
