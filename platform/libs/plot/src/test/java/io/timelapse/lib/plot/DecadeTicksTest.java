package io.timelapse.lib.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DecadeTicksTest {

    @Test
    void labelsWholeDecadesAndPutsMinorTicksAtTwoToNine() {
        DecadeTicks ticks = DecadeTicks.between(9.4e11, 2.0e14, 1);
        assertEquals(List.of(12, 13, 14), ticks.majors());
        assertEquals(List.of(2e12, 3e12, 4e12, 5e12, 6e12, 7e12, 8e12, 9e12,
                2e13, 3e13, 4e13, 5e13, 6e13, 7e13, 8e13, 9e13, 2e14), ticks.minors());
    }

    @Test
    void countsADecadeComputedWithRoundingError() {
        double almostTen12 = Math.pow(10, 12 - 1e-12);
        assertEquals(List.of(12, 13), DecadeTicks.between(almostTen12, 1e13, 1).majors());
    }

    @Test
    void aNarrowRangeWidensToTheEnclosingDecades() {
        // The old charts ticked such data at 10^12.75, 10^12.80, ...
        assertArrayEquals(new double[] {1e12, 1e13}, DecadeTicks.range(Math.pow(10, 12.75), Math.pow(10, 12.85)));
        assertArrayEquals(new double[] {1e11, 1e13}, DecadeTicks.range(1e12, 1e12));
        assertArrayEquals(new double[] {1, 10}, DecadeTicks.range(Double.NaN, Double.NaN));
    }

    @Test
    void aWideRangeKeepsTheDataWithAMargin() {
        double[] range = DecadeTicks.range(1e12, 1e14);
        assertEquals(12 - 0.1, Math.log10(range[0]), 1e-9);
        assertEquals(14 + 0.1, Math.log10(range[1]), 1e-9);
    }

    @Test
    void manyDecadesAreLabelledEveryFewDecadesWithTheOthersAsMinorTicks() {
        assertEquals(1, DecadeTicks.step(1e-3, 1e3, 7));
        assertEquals(2, DecadeTicks.step(1e-3, 1e3, 4));
        assertEquals(5, DecadeTicks.step(1, 1e30, 7));
        DecadeTicks ticks = DecadeTicks.between(1e-3, 1e3, 2);
        assertEquals(List.of(-2, 0, 2), ticks.majors());
        assertEquals(List.of(1e-3, 1e-1, 1e1, 1e3), ticks.minors());
    }

    @Test
    void labelsArePowersOfTenInSuperscript() {
        assertEquals("10¹²", DecadeTicks.label(12));
        assertEquals("10⁰", DecadeTicks.label(0));
        assertEquals("10⁻³", DecadeTicks.label(-3));
        assertEquals("10⁴⁵⁶⁷⁸⁹", DecadeTicks.label(456789));
    }
}
