package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.data.RowProvenance;
import io.timelapse.api.data.TrainingData;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for the pythia plugin's pre-shuffled layout (which this plugin may not depend on): a Megatron
 * {@code .bin/.idx} with one uint16 item a row, whose provenance is the row's byte offset in one shard and its EOD
 * segments, as the pre-shuffled service gives.
 */
final class ItemRowsLayout implements TrainingDataProvider {

    @Override
    public String layout() {
        return "pythia-preshuffled";
    }

    @Override
    public boolean accepts(Path path) {
        Path prefix = MMapIndexedDataset.prefixOf(path);
        return Files.isRegularFile(MMapIndexedDataset.idxPath(prefix)) && Files.isRegularFile(MMapIndexedDataset.binPath(prefix));
    }

    @Override
    public TrainingData open(Path path, int batchSize) throws IOException {
        MMapIndexedDataset items = MMapIndexedDataset.open(MMapIndexedDataset.prefixOf(path));
        int length = items.index().size(0);
        return new TrainingData() {
            @Override
            public Path source() {
                return path;
            }

            @Override
            public List<Path> files() {
                return List.of(MMapIndexedDataset.idxPath(items.prefix()), MMapIndexedDataset.binPath(items.prefix()));
            }

            @Override
            public long rowCount() {
                return items.itemCount();
            }

            @Override
            public int rowLength() {
                return length;
            }

            @Override
            public int batchSize() {
                return batchSize;
            }

            @Override
            public void readRow(long index, int[] tokens) {
                items.read(index, 0, length, tokens, 0);
            }

            @Override
            public RowProvenance provenance(long index) {
                int[] tokens = row(index);
                return new RowProvenance(index, RowProvenance.segments(tokens, length), false, index * length * 2, 0);
            }

            @Override
            public void close() {}
        };
    }
}
