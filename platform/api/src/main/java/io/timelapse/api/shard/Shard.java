package io.timelapse.api.shard;

/**
 * Shard {@code index} of {@code count}: of work items numbered {@code 0..size-1}, the contiguous block
 * {@code [⌊index·size/count⌋, ⌊(index+1)·size/count⌋)}. The blocks of all shards tile the items in
 * order, and their sizes differ by at most one.
 */
public record Shard(int index, int count) {

    /** The whole of the work: shard 0 of 1. */
    public static final Shard WHOLE = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("a shard is i/n with 0 ≤ i < n, got " + index + "/" + count);
        }
    }

    /** Parses {@code i/n}, such as {@code 0/8}. */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1 || slash == text.length() - 1) {
            throw new IllegalArgumentException("a shard is i/n, such as 0/8, got '" + text + "'");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()), Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a shard is i/n with integers i and n, such as 0/8, got '" + text + "'", e);
        }
    }

    /**
     * The value of a command's shard option: {@link #WHOLE} when it is not given ({@code null}), else {@link #parse}.
     *
     * @throws IllegalArgumentException with a message to follow the option's name and value, as in
     *     {@code --shard 3/2: expected i/n with 0 ≤ i < n, such as 0/8}
     */
    public static Shard option(String text) {
        try {
            return text == null ? WHOLE : parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected i/n with 0 ≤ i < n, such as 0/8", e);
        }
    }

    /** The first item of this shard among {@code size} items. */
    public long first(long size) {
        return boundary(index, size);
    }

    /** One past the last item of this shard among {@code size} items. */
    public long end(long size) {
        return boundary(index + 1, size);
    }

    private long boundary(int shard, long size) {
        // ⌊size·shard/count⌋, exact and without overflow: size = q·count + r.
        long q = size / count;
        long r = size % count;
        return q * shard + r * shard / count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
