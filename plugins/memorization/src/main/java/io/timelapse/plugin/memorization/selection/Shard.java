package io.timelapse.plugin.memorization.selection;

/**
 * Shard {@code index} of {@code count}: the contiguous block of selection positions
 * {@code [index·S/count, (index+1)·S/count)} of a selection of size S. The blocks of all shards
 * tile the selection, so their tables merge without overlaps or gaps.
 */
public record Shard(int index, int count) {

    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("a shard is i/n with 0 ≤ i < n, got " + index + "/" + count);
        }
    }

    /** Parses {@code i/n}, as given to {@code --shard}. */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1 || slash == text.length() - 1) {
            throw new IllegalArgumentException("--shard expects i/n, such as 0/8, got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()), Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard expects integers i/n, such as 0/8, got '" + text + "'", e);
        }
    }

    public long firstPosition(long selectionSize) {
        return boundary(index, selectionSize);
    }

    public long endPosition(long selectionSize) {
        return boundary(index + 1, selectionSize);
    }

    private long boundary(int shard, long selectionSize) {
        // floor(S·shard/count), exact and without overflow: S = q·count + r.
        long q = selectionSize / count;
        long r = selectionSize % count;
        return q * shard + r * shard / count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
