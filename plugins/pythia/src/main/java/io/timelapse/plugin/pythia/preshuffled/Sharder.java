package io.timelapse.plugin.pythia.preshuffled;

import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.tokens.megatron.IndexedDatasetException;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a {@code .bin} into shards of a fixed byte size, the last one shorter, named
 * {@code NAME-00000-of-000NN.bin} as pythia's {@code shard_memmap.py} names them. The cuts fall at
 * byte offsets, not row boundaries; the {@code .idx} stays whole beside the shards.
 */
public final class Sharder {

    private Sharder() {}

    /** Shard {@code index} of a set of {@code count}: {@code PREFIX-0000i-of-000NN.bin} with NN = count − 1. */
    public static Path shardPath(Path prefix, int index, int count) {
        return prefix.resolveSibling(String.format("%s-%05d-of-%05d.bin", prefix.getFileName(), index, count - 1));
    }

    /** Writes the shards of {@code prefix.bin} next to it and returns them in order. */
    public static List<Path> shard(Path prefix, long shardBytes) throws IOException {
        if (shardBytes < 1) {
            throw new IllegalArgumentException("shard size must be positive, got " + shardBytes);
        }
        Path bin = MMapIndexedDataset.binPath(prefix);
        if (!Files.isRegularFile(bin)) {
            throw new IndexedDatasetException(bin, "no such data file");
        }
        LargeByteBuffer data = LargeByteBuffer.map(bin, ByteOrder.LITTLE_ENDIAN);
        long count = Math.max(1, (data.size() + shardBytes - 1) / shardBytes);
        if (count > 100_000) {
            throw new IllegalArgumentException(count + " shards of " + shardBytes + " bytes exceed the 5-digit shard names");
        }
        List<Path> shards = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            Path shard = shardPath(prefix, (int) i, (int) count);
            long from = i * shardBytes;
            long length = Math.min(shardBytes, data.size() - from);
            AtomicFiles.write(shard, out -> data.writeTo(from, length, out));
            shards.add(shard);
        }
        return shards;
    }
}
