package io.timelapse.lib.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void theSpreadIsTheLeastTheMedianAndTheLargest() {
        assertEquals(new Spread(1, 3, 9, 3), Spread.of(9, 3, 1));
        assertEquals(new Spread(1, 2.5, 4, 4), Spread.of(4, 1, 2, 3));
        assertEquals(new Spread(7, 7, 7, 1), Spread.single(7));
    }

    @Test
    void aRateTurnsTheOrderRoundSoTheLeastTimeIsTheLargestRate() {
        assertEquals(new Spread(25, 50, 100, 3), Spread.of(0.1, 0.2, 0.4).rate(10));
        assertEquals(new Spread(100, 200, 400, 3), Spread.of(0.1, 0.2, 0.4).times(1000));
    }

    @Test
    void noValuesAndDisorderedFiguresAreRefused() {
        assertThrows(IllegalArgumentException.class, Spread::of);
        assertThrows(IllegalArgumentException.class, () -> new Spread(2, 1, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Spread.of(0, 1).rate(1));
    }
}
