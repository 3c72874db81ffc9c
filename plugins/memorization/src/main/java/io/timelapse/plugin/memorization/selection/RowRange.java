package io.timelapse.plugin.memorization.selection;

/** The consecutive rows {@code [first, first + count)}. */
public record RowRange(long first, long count) implements RowSelection {

    public RowRange {
        if (first < 0 || count < 0) {
            throw new IllegalArgumentException("a row range needs first ≥ 0 and count ≥ 0, got first " + first + ", count " + count);
        }
    }

    @Override
    public long size() {
        return count;
    }

    @Override
    public long row(long position) {
        if (position < 0 || position >= count) {
            throw new IndexOutOfBoundsException("position " + position + " of " + count + " rows");
        }
        return first + position;
    }

    @Override
    public long positionOf(long row) {
        return row >= first && row - first < count ? row - first : -1;
    }

    @Override
    public RowSelection slice(long from, long to) {
        if (from < 0 || to < from || to > count) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + count + " rows");
        }
        return new RowRange(first + from, to - from);
    }

    @Override
    public String describe() {
        return "rows [" + first + ", " + (first + count) + ")";
    }
}
