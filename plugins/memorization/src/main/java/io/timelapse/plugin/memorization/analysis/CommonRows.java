package io.timelapse.plugin.memorization.analysis;

import io.timelapse.plugin.memorization.table.ScoreTable;
import java.util.Arrays;
import java.util.List;

/** The rows several tables have in common, with each table's position of every such row. */
public record CommonRows(long[] rows, int[][] positions) {

    /** Intersects the tables' rows (every table's rows are ascending, so one merge pass suffices). */
    public static CommonRows of(List<ScoreTable> tables) {
        int t = tables.size();
        int capacity = tables.stream().mapToInt(ScoreTable::size).min().orElse(0);
        long[] rows = new long[capacity];
        int[][] positions = new int[t][capacity];
        int[] cursor = new int[t];
        int found = 0;
        outer:
        while (true) {
            long candidate = Long.MIN_VALUE;
            for (int i = 0; i < t; i++) {
                if (cursor[i] >= tables.get(i).size()) {
                    break outer;
                }
                candidate = Math.max(candidate, tables.get(i).row(cursor[i]));
            }
            boolean all = true;
            for (int i = 0; i < t; i++) {
                ScoreTable table = tables.get(i);
                while (cursor[i] < table.size() && table.row(cursor[i]) < candidate) {
                    cursor[i]++;
                }
                if (cursor[i] >= table.size()) {
                    break outer;
                }
                all &= table.row(cursor[i]) == candidate;
            }
            if (all) {
                rows[found] = candidate;
                for (int i = 0; i < t; i++) {
                    positions[i][found] = cursor[i]++;
                }
                found++;
            }
        }
        int[][] trimmed = new int[t][];
        for (int i = 0; i < t; i++) {
            trimmed[i] = Arrays.copyOf(positions[i], found);
        }
        return new CommonRows(Arrays.copyOf(rows, found), trimmed);
    }

    public int size() {
        return rows.length;
    }

    /** Whether table {@code table} has at least {@code threshold} matches on each common row. */
    public boolean[] memorized(ScoreTable table, int tableIndex, int threshold) {
        int[] at = positions[tableIndex];
        boolean[] flags = new boolean[at.length];
        for (int k = 0; k < at.length; k++) {
            flags[k] = table.matches(at[k]) >= threshold;
        }
        return flags;
    }

    /** Table {@code table}'s scores on the common rows. */
    public double[] scores(ScoreTable table, int tableIndex) {
        int[] at = positions[tableIndex];
        double[] scores = new double[at.length];
        for (int k = 0; k < at.length; k++) {
            scores[k] = table.score(at[k]);
        }
        return scores;
    }
}
