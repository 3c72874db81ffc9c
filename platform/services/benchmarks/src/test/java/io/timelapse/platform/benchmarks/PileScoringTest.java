package io.timelapse.platform.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The Pile-scale hours and the GPU projection from a scoring rate. */
class PileScoringTest {

    @Test
    void aCheckpointHas146432000RowsToScore() {
        assertEquals(146_432_000L, PileScoring.CHECKPOINT_ROWS);
        assertEquals(146_432_000.0 / 1000 / 3600, new PileScoring("x", 1000).hoursHere(), 1e-9);
    }

    @Test
    void theGpuGetsTheSameShareOfItsMatmulRate() {
        // 100 rows/s at 500 GFLOP/s of matmul here: 40 times the matmul rate gives 40 times the rows.
        assertEquals(4000, new PileScoring("x", 100).projectedGpuRowsPerSecond(20, 500), 1e-9);
    }
}
