package io.timelapse.lib.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** numpy's masked rejection, worked out by hand on fixed draws. */
class BoundedIntegersTest {

    /** Hands out the given draws in order, and counts them. */
    private static final class Draws implements RandomBits {
        private final Deque<Long> values;
        int used;

        Draws(Long... values) {
            this.values = new ArrayDeque<>(List.of(values));
        }

        @Override
        public int nextInt32() {
            used++;
            return (int) (long) values.removeFirst();
        }

        @Override
        public long nextInt64() {
            used++;
            return values.removeFirst();
        }
    }

    @Test
    void drawsAreMaskedToTheSmallestCoveringPowerOfTwoAndRejectedAboveTheBound() {
        // max 5 -> mask 0b111: 0xFF -> 7 (rejected), 0x0E -> 6 (rejected), 0x13 -> 3.
        Draws draws = new Draws(0xFFL, 0x0EL, 0x13L);
        assertEquals(3, BoundedIntegers.interval(draws, 5L));
        assertEquals(3, draws.used);
        Draws same = new Draws(0xFFL, 0x0EL, 0x13L);
        assertEquals(3, BoundedIntegers.interval(same, 5));
        assertEquals(3, same.used);
    }

    @Test
    void aBoundOfZeroUsesNoDraw() {
        Draws draws = new Draws();
        assertEquals(0, BoundedIntegers.interval(draws, 0L));
        assertEquals(0, BoundedIntegers.interval(draws, 0));
        assertEquals(0, draws.used);
    }

    @Test
    void boundsBeyond32BitsTake64BitDraws() {
        long max = 0x1_0000_0000L; // mask 0x1_FFFF_FFFF
        Draws draws = new Draws(0xFFFF_FFFF_FFFF_FFFFL, 0x1_2345_6789L, 0x0_8000_0001L);
        assertEquals(0x0_8000_0001L, BoundedIntegers.interval(draws, max));
        assertEquals(3, draws.used);
    }

    @Test
    void the32BitDrawIsReadUnsigned() {
        // max 2^32 - 1: the draw 0xFFFFFFFF (negative as an int) is itself the answer.
        Draws draws = new Draws(0xFFFF_FFFFL);
        assertEquals(0xFFFF_FFFFL, BoundedIntegers.interval(draws, 0xFFFF_FFFFL));
    }
}
