package io.timelapse.plugin.dsb.ngram.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The first {@code count} sequences of some data: for rows in training order, what a run had trained on by a step. */
public final class FirstSequences implements TokenSequences {

    private final TokenSequences all;
    private final long count;

    public FirstSequences(TokenSequences all, long count) {
        if (count < 0 || count > all.count()) {
            throw new IllegalArgumentException(count + " sequences asked of " + all.describe());
        }
        this.all = all;
        this.count = count;
    }

    @Override
    public String describe() {
        return "the first " + count + " sequences of " + all.describe();
    }

    @Override
    public List<Path> files() {
        return all.files();
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public int length(long index) {
        return all.length(index);
    }

    @Override
    public void read(long index, int[] tokens) {
        all.read(index, tokens);
    }

    @Override
    public int maxLength() {
        return all.maxLength();
    }

    @Override
    public long pairCount() {
        long pairs = 0;
        for (long i = 0; i < count; i++) {
            pairs += Math.max(0, length(i) - 1);
        }
        return pairs;
    }

    @Override
    public void close() throws IOException {
        all.close();
    }
}
