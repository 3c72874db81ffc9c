package io.timelapse.plugin.memorization.table;

import io.timelapse.plugin.memorization.selection.RowSelection;

/** Match counts of the rows of a selection, position by position. */
public record ScoreTable(TableHeader header, RowSelection rows, byte[] matches) {

    public ScoreTable {
        if (matches.length != rows.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + matches.length + " match counts");
        }
    }

    public int size() {
        return matches.length;
    }

    public long row(int position) {
        return rows.row(position);
    }

    public int matches(int position) {
        return matches[position] & 0xFF;
    }

    public double score(int position) {
        return (double) matches(position) / header.continuationLength();
    }

    /** Rows with at least {@code threshold} matching continuation tokens. */
    public long countAtLeast(int threshold) {
        long count = 0;
        for (byte m : matches) {
            if ((m & 0xFF) >= threshold) {
                count++;
            }
        }
        return count;
    }
}
