package io.timelapse.plugin.pythia.service;

import io.timelapse.api.data.TrainingData;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import io.timelapse.plugin.pythia.preshuffled.ShardedBin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens {@code EleutherAI/pile-*-pythia-preshuffled} data: an unsharded prefix or the first shard. */
public final class PreshuffledTrainingDataProvider implements TrainingDataProvider {

    public static final String LAYOUT = "pythia-preshuffled";

    @Override
    public String layout() {
        return LAYOUT;
    }

    @Override
    public boolean accepts(Path path) {
        if (ShardedBin.isShard(path)) {
            return Files.isRegularFile(path) && Files.isRegularFile(MMapIndexedDataset.idxPath(ShardedBin.prefixOfShard(path)));
        }
        Path prefix = MMapIndexedDataset.prefixOf(path);
        return Files.isRegularFile(MMapIndexedDataset.idxPath(prefix)) && Files.isRegularFile(MMapIndexedDataset.binPath(prefix));
    }

    @Override
    public TrainingData open(Path path, int batchSize) throws IOException {
        Path prefix = ShardedBin.isShard(path) ? ShardedBin.prefixOfShard(path) : MMapIndexedDataset.prefixOf(path);
        return new PreshuffledTrainingData(path, PreshuffledDataset.open(path), batchSize, RouteRecord.read(prefix).orElse(null));
    }
}
