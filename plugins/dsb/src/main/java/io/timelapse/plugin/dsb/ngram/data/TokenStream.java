package io.timelapse.plugin.dsb.ngram.data;

import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A 1-D integer {@code .npy} of token ids (what {@code pythia tokenize --out ids.npy} writes), memory-mapped and read
 * in chunks that overlap by one token, so every consecutive pair of the stream is counted exactly once.
 */
public final class TokenStream implements TokenSequences {

    static final int CHUNK = 1 << 20;

    private final Path file;
    private final NpyArray array;
    private final long tokens;

    private TokenStream(Path file, NpyArray array) {
        this.file = file;
        this.array = array;
        this.tokens = array.dim(0);
    }

    /** Opens a 1-D integer array. */
    public static TokenStream open(Path file, NpyArray array) throws IOException {
        char kind = array.dtype().kind();
        if (array.ndim() != 1 || kind != 'i' && kind != 'u') {
            throw new IOException(file + ": expected a 1-D integer array of token ids, got " + array);
        }
        return new TokenStream(file, array);
    }

    public static TokenStream open(Path file) throws IOException {
        return open(file, Npy.map(file));
    }

    @Override
    public String describe() {
        return file + " (a stream of " + tokens + " tokens)";
    }

    @Override
    public List<Path> files() {
        return List.of(file);
    }

    @Override
    public long count() {
        return tokens < 2 ? (tokens == 0 ? 0 : 1) : (tokens - 1 + CHUNK - 1) / CHUNK;
    }

    @Override
    public int length(long index) {
        return (int) (Math.min(tokens, (index + 1) * CHUNK + 1) - index * CHUNK);
    }

    @Override
    public void read(long index, int[] out) {
        long from = index * CHUNK;
        int length = length(index);
        for (int t = 0; t < length; t++) {
            long id = array.getLong(from + t);
            if (id < Integer.MIN_VALUE || id > Integer.MAX_VALUE) {
                throw new IllegalStateException(file + ": position " + (from + t) + ": token id " + id + " does not fit an int");
            }
            out[t] = (int) id;
        }
    }

    @Override
    public int maxLength() {
        return (int) Math.min(tokens, CHUNK + 1);
    }

    @Override
    public long pairCount() {
        return Math.max(0, tokens - 1);
    }

    @Override
    public void close() {}
}
