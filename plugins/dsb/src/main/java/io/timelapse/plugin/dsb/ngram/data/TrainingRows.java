package io.timelapse.plugin.dsb.ngram.data;

import io.timelapse.api.data.TrainingData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The rows of training data in training order, each a sequence. */
public final class TrainingRows implements TokenSequences {

    private final TrainingData data;
    private final long rows;

    public TrainingRows(TrainingData data) {
        this.data = data;
        this.rows = data.rowCount();
    }

    @Override
    public String describe() {
        return data.source() + " (" + rows + " rows of " + data.rowLength() + " tokens)";
    }

    @Override
    public List<Path> files() {
        return data.files();
    }

    @Override
    public long count() {
        return rows;
    }

    @Override
    public int length(long index) {
        return data.rowLength();
    }

    @Override
    public void read(long index, int[] tokens) {
        data.readRow(index, tokens);
    }

    @Override
    public int maxLength() {
        return data.rowLength();
    }

    @Override
    public long pairCount() {
        return rows * Math.max(0, data.rowLength() - 1);
    }

    @Override
    public void close() throws IOException {
        data.close();
    }
}
