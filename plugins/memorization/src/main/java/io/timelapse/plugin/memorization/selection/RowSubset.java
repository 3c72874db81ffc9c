package io.timelapse.plugin.memorization.selection;

import java.util.Arrays;

/** An explicit, strictly ascending list of rows, such as a random sample. */
public final class RowSubset implements RowSelection {

    private final long[] rows;
    private final String description;

    /** {@code rows} must be strictly ascending and non-negative; the array is not copied. */
    public RowSubset(long[] rows, String description) {
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || (i > 0 && rows[i] <= rows[i - 1])) {
                throw new IllegalArgumentException("rows of a subset must be non-negative and strictly ascending; row " + i + " is " + rows[i]);
            }
        }
        this.rows = rows;
        this.description = description;
    }

    @Override
    public long size() {
        return rows.length;
    }

    @Override
    public long row(long position) {
        return rows[Math.toIntExact(position)];
    }

    @Override
    public long positionOf(long row) {
        int at = Arrays.binarySearch(rows, row);
        return at >= 0 ? at : -1;
    }

    @Override
    public RowSelection slice(long from, long to) {
        if (from < 0 || to < from || to > rows.length) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + rows.length + " rows");
        }
        return new RowSubset(Arrays.copyOfRange(rows, (int) from, (int) to), description + ", positions [" + from + ", " + to + ")");
    }

    @Override
    public String describe() {
        return description;
    }

    /** A copy of the rows. */
    public long[] rows() {
        return rows.clone();
    }
}
