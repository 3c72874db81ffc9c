package io.timelapse.plugin.memorization.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.shard.Shard;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowSelectionsTest {

    @Test
    void stepRangeCoversTheRowsTrainedAtThoseSteps() {
        // Pythia: a checkpoint at step 23000 has seen rows [0, 23000·1024) = [0, 23,552,000).
        RowRange seen = RowSelections.steps(0, 23000, 1024);
        assertEquals(0, seen.first());
        assertEquals(23_552_000L, seen.size());
        RowRange step5 = RowSelections.steps(5, 6, 4);
        assertEquals(20, step5.row(0));
        assertEquals(23, step5.row(3));
        assertEquals(4, step5.size());
        assertEquals(-1, step5.positionOf(24));
        assertEquals(2, step5.positionOf(22));
        assertThrows(IllegalArgumentException.class, () -> RowSelections.steps(3, 2, 1024));
        assertThrows(IllegalArgumentException.class, () -> RowSelections.steps(0, 2, 0));
    }

    @Test
    void randomSubsetIsSortedDistinctInRangeAndSeeded() {
        RowSubset a = RowSelections.random(100, 10_100, 500, 7);
        RowSubset b = RowSelections.random(100, 10_100, 500, 7);
        RowSubset c = RowSelections.random(100, 10_100, 500, 8);
        assertArrayEquals(a.rows(), b.rows());
        assertFalse(java.util.Arrays.equals(a.rows(), c.rows()));
        long[] rows = a.rows();
        assertEquals(500, rows.length);
        for (int i = 0; i < rows.length; i++) {
            assertTrue(rows[i] >= 100 && rows[i] < 10_100);
            assertTrue(i == 0 || rows[i] > rows[i - 1]);
            assertEquals(i, a.positionOf(rows[i]));
        }
        // Roughly uniform: about half of the sample lies in the lower half of the range.
        long lower = java.util.Arrays.stream(rows).filter(r -> r < 5_100).count();
        assertTrue(lower > 200 && lower < 300, "lower half holds " + lower);
        assertArrayEquals(new long[] {3, 4, 5}, RowSelections.random(3, 6, 3, 1).rows());
        assertThrows(IllegalArgumentException.class, () -> RowSelections.random(0, 10, 11, 1));
    }

    @Test
    void shardsTileTheSelectionWithoutOverlapOrGap() {
        for (RowSelection selection : new RowSelection[] {RowSelections.range(10, 1013), RowSelections.random(0, 5000, 1003, 3)}) {
            for (int n : new int[] {1, 2, 3, 7, 16}) {
                Set<Long> seen = new HashSet<>();
                long previous = -1;
                for (int i = 0; i < n; i++) {
                    RowSelection shard = selection.shard(new Shard(i, n));
                    long expected = selection.size() / n;
                    assertTrue(shard.size() == expected || shard.size() == expected + 1, "shard size " + shard.size());
                    for (long k = 0; k < shard.size(); k++) {
                        long row = shard.row(k);
                        assertTrue(row > previous, "shards follow each other in row order");
                        assertTrue(seen.add(row));
                        previous = row;
                    }
                }
                assertEquals(selection.size(), seen.size());
            }
        }
        assertEquals(new Shard(2, 8), Shard.parse("2/8"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("8/8"));
        assertThrows(IllegalArgumentException.class, () -> Shard.parse("two"));
        // Exact boundaries even where S·i overflows a long.
        Shard last = new Shard(6, 7);
        long huge = Long.MAX_VALUE / 3;
        assertEquals(huge, last.end(huge));
        assertEquals(huge / 7 * 6 + (huge % 7) * 6 / 7, last.first(huge));
    }
}
