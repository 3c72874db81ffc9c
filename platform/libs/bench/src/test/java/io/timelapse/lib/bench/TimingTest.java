package io.timelapse.lib.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimingTest {

    @Test
    void theMedianIsTheMiddleValueOrTheMeanOfTheMiddleTwo() {
        assertEquals(3.0, Timing.median(new double[] {9, 3, 1}));
        assertEquals(2.5, Timing.median(new double[] {4, 1, 2, 3}));
        assertEquals(7.0, Timing.median(new double[] {7}));
    }

    @Test
    void theMedianLeavesItsValuesInTheirOrder() {
        double[] values = {3, 1, 2};
        Timing.median(values);
        assertEquals(3.0, values[0]);
    }

    @Test
    void bestOfNRunsTheWorkNTimes() {
        int[] runs = {0};
        double best = Timing.bestSeconds(4, () -> runs[0]++);
        assertEquals(4, runs[0]);
        assertTrue(best >= 0 && best < Double.MAX_VALUE, "best = " + best);
    }

    @Test
    void fewerThanOneRepeatOrNoValuesAreRefused() {
        assertEquals("repeats must be at least 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> Timing.bestSeconds(0, () -> {})).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Timing.median(new double[0]));
    }
}
