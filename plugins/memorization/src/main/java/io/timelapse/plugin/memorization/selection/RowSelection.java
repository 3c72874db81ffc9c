package io.timelapse.plugin.memorization.selection;

import io.timelapse.api.shard.Shard;

/**
 * The training rows a scoring run covers, in ascending row order. Position {@code k} of a
 * selection is its k-th smallest row.
 */
public sealed interface RowSelection permits RowRange, RowSubset {

    long size();

    /** The row at position {@code position}, {@code 0 <= position < size()}. */
    long row(long position);

    /** The position of {@code row} in this selection, or {@code -1} when it is not selected. */
    long positionOf(long row);

    /** Positions {@code [from, to)} of this selection as a selection of their own. */
    RowSelection slice(long from, long to);

    /** A short description for tables and logs, such as {@code rows [0, 1024)}. */
    String describe();

    /** The part of this selection that shard {@code shard} scores. */
    default RowSelection shard(Shard shard) {
        return slice(shard.first(size()), shard.end(size()));
    }

    /** Whether the rows are consecutive, so a table can store them as a first row and a count. */
    default boolean contiguous() {
        return size() == 0 || row(size() - 1) - row(0) == size() - 1;
    }
}
