package io.timelapse.plugin.memorization.table;

import io.timelapse.api.shard.Shard;
import io.timelapse.plugin.memorization.selection.RowRange;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.selection.RowSubset;
import java.util.ArrayList;
import java.util.List;

/** Joins the tables of all shards of one scoring job into the table of the whole selection. */
public final class TableMerge {

    private TableMerge() {}

    /**
     * Checks that the tables come from the same set-up, that every shard {@code 0..n-1} is present
     * once, and that together they cover the selection without overlaps or gaps.
     *
     * @param names how to name each table in errors, such as its path
     */
    public static ScoreTable merge(List<ScoreTable> tables, List<String> names) {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: no tables given");
        }
        TableHeader first = tables.get(0).header();
        int shards = first.shard().count();
        ScoreTable[] byShard = new ScoreTable[shards];
        String[] nameByShard = new String[shards];
        for (int t = 0; t < tables.size(); t++) {
            TableHeader header = tables.get(t).header();
            String conflict = first.mergeConflict(header);
            if (conflict != null) {
                throw new IllegalArgumentException(names.get(t) + " cannot be merged with " + names.get(0) + ": " + conflict);
            }
            int index = header.shard().index();
            if (byShard[index] != null) {
                throw new IllegalArgumentException("shard " + header.shard() + " given twice: " + nameByShard[index] + " and " + names.get(t));
            }
            byShard[index] = tables.get(t);
            nameByShard[index] = names.get(t);
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            if (byShard[i] == null) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing shards " + missing + " of " + shards);
        }
        long total = 0;
        for (int i = 0; i < shards; i++) {
            Shard shard = byShard[i].header().shard();
            long expected = shard.end(first.selectionSize()) - shard.first(first.selectionSize());
            if (byShard[i].size() != expected) {
                throw new IllegalArgumentException(nameByShard[i] + ": shard " + shard + " should hold " + expected + " rows of the "
                        + first.selectionSize() + " selected, but holds " + byShard[i].size() + " (a gap or extra rows)");
            }
            total += byShard[i].size();
        }
        if (total != first.selectionSize()) {
            throw new IllegalArgumentException("the shards hold " + total + " rows but the selection (" + first.selection() + ") has "
                    + first.selectionSize() + ": a shard is incomplete or has extra rows");
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a merged table holds at most " + (Integer.MAX_VALUE - 8) + " rows; merge fewer shards");
        }
        long[] rows = new long[(int) total];
        byte[] matches = new byte[(int) total];
        int at = 0;
        long previous = -1;
        for (int i = 0; i < shards; i++) {
            ScoreTable table = byShard[i];
            for (int k = 0; k < table.size(); k++) {
                long row = table.row(k);
                if (row <= previous) {
                    throw new IllegalArgumentException(nameByShard[i] + ": row " + row + (row == previous ? " overlaps" : " is out of order with")
                            + " the rows of the shards before it");
                }
                rows[at] = row;
                matches[at++] = table.matches()[k];
                previous = row;
            }
        }
        RowSelection merged = total > 0 && rows[rows.length - 1] - rows[0] == total - 1
                ? new RowRange(rows[0], total) : new RowSubset(rows, first.selection());
        return new ScoreTable(first.withShard(Shard.WHOLE), merged, matches);
    }

}
