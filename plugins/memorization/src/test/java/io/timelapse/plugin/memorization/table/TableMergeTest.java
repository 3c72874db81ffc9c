package io.timelapse.plugin.memorization.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.shard.Shard;
import io.timelapse.plugin.memorization.selection.RowRange;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.selection.RowSelections;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableMergeTest {

    private final RowSelection selection = RowSelections.range(100, 110);

    private ScoreTable shard(String model, int i, int n) {
        Shard shard = new Shard(i, n);
        RowSelection rows = selection.shard(shard);
        byte[] matches = new byte[(int) rows.size()];
        for (int k = 0; k < matches.length; k++) {
            matches[k] = (byte) (rows.row(k) % 33);
        }
        return new ScoreTable(Tables.header(model, 4L, selection, shard), rows, matches);
    }

    @Test
    void shardsInAnyOrderMergeIntoTheWholeSelection() {
        ScoreTable merged = TableMerge.merge(List.of(shard("m", 2, 3), shard("m", 0, 3), shard("m", 1, 3)), List.of("c", "a", "b"));
        assertEquals(new RowRange(100, 10), merged.rows());
        assertEquals(Shard.WHOLE, merged.header().shard());
        byte[] expected = new byte[10];
        for (int k = 0; k < 10; k++) {
            expected[k] = (byte) ((100 + k) % 33);
        }
        assertArrayEquals(expected, merged.matches());
    }

    @Test
    void incompatibleMissingDuplicateOrIncompleteShardsAreRefused() {
        String missing = assertThrows(IllegalArgumentException.class,
                () -> TableMerge.merge(List.of(shard("m", 0, 3), shard("m", 2, 3)), List.of("a", "c"))).getMessage();
        assertTrue(missing.contains("missing shards [1]"), missing);

        String twice = assertThrows(IllegalArgumentException.class,
                () -> TableMerge.merge(List.of(shard("m", 0, 2), shard("m", 0, 2), shard("m", 1, 2)), List.of("a", "b", "c"))).getMessage();
        assertTrue(twice.contains("given twice: a and b"), twice);

        String model = assertThrows(IllegalArgumentException.class,
                () -> TableMerge.merge(List.of(shard("m", 0, 2), shard("other", 1, 2)), List.of("a", "b"))).getMessage();
        assertTrue(model.contains("b cannot be merged with a: models differ"), model);

        ScoreTable full = shard("m", 1, 2);
        ScoreTable cut = new ScoreTable(full.header(), full.rows().slice(0, 4), new byte[4]);
        String gap = assertThrows(IllegalArgumentException.class,
                () -> TableMerge.merge(List.of(shard("m", 0, 2), cut), List.of("a", "b"))).getMessage();
        assertTrue(gap.contains("b: shard 1/2 should hold 5 rows"), gap);

        ScoreTable zero = shard("m", 0, 2);
        ScoreTable shifted = new ScoreTable(shard("m", 1, 2).header(), zero.rows(), zero.matches());
        String overlap = assertThrows(IllegalArgumentException.class,
                () -> TableMerge.merge(new ArrayList<>(List.of(zero, shifted)), List.of("a", "b"))).getMessage();
        assertTrue(overlap.contains("b: row 100"), overlap);
    }
}
