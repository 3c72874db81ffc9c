package io.timelapse.lib.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MetricTest {

    @Test
    void aSpeedupAboveOneMeansOursIsBetterForTimesAndRatesAlike() {
        Metric time = Metric.time("mlp_step", "ms", Spread.of(2, 4, 5)).against("pytorch", Spread.of(8, 8, 9));
        assertEquals(2.0, time.speedup());
        Metric rate = Metric.rate("gen", "seq_per_s", Spread.of(30, 30, 40)).against("pytorch", Spread.of(10, 15, 20));
        assertEquals(2.0, rate.speedup());
        assertEquals("mlp_step_speedup_vs_pytorch", time.speedupKey());
        assertEquals("mlp_step_fraction_of_matmul", time.matmulKey());
    }

    @Test
    void withoutAReferenceThereIsNoSpeedup() {
        Metric alone = Metric.time("parse", "ms", Spread.single(1)).ofMatmul(0.5);
        assertNull(alone.speedup());
        assertEquals(0.5, alone.fractionOfMatmul());
    }

    @Test
    void namesThatWouldBreakTheResultKeysAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Metric.time("MLP step", "ms", Spread.single(1)));
        assertThrows(IllegalArgumentException.class, () -> Metric.time("step", "ms", Spread.single(1)).against("py torch", Spread.single(1)));
    }
}
