package io.timelapse.plugin.pythia.preshuffled;

import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.files.Sha256;
import io.timelapse.lib.tokens.megatron.IndexedDatasetException;
import io.timelapse.lib.tokens.megatron.MMapIndex;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Concatenates the shards of a pre-shuffled dataset into one {@code .bin} (atomically), copies the
 * {@code .idx} beside it, verifies the sizes against the index and reports the SHA-256 of the result.
 */
public final class Unsharder {

    /** What was written. */
    public record Result(Path bin, Path idx, long bytes, int shards, String sha256) {}

    private Unsharder() {}

    public static Result unshard(Path firstShard, Path outPrefix) throws IOException {
        return unshard(firstShard, outPrefix, bytes -> { });
    }

    /** {@link #unshard(Path, Path)} that reports each block of bytes copied to {@code bytesCopied}. */
    public static Result unshard(Path firstShard, Path outPrefix, LongConsumer bytesCopied) throws IOException {
        List<Path> shards = ShardedBin.shardFiles(firstShard);
        Path prefix = ShardedBin.prefixOfShard(firstShard);
        Path idx = MMapIndexedDataset.idxPath(prefix);
        MMapIndex index = MMapIndex.open(idx);
        long total = 0;
        for (Path shard : shards) {
            total += Files.size(shard);
        }
        if (total != index.binBytes()) {
            throw new IndexedDatasetException(firstShard, "the " + shards.size() + " shards hold " + total + " bytes, the index " + idx
                    + " lists " + index.binBytes());
        }
        MessageDigest sha = Sha256.newDigest();
        long[] written = {0};
        Path bin = MMapIndexedDataset.binPath(outPrefix);
        AtomicFiles.write(bin, out -> {
            byte[] buffer = new byte[1 << 20];
            for (Path shard : shards) {
                try (InputStream in = Files.newInputStream(shard)) {
                    int n;
                    while ((n = in.read(buffer)) > 0) {
                        out.write(buffer, 0, n);
                        sha.update(buffer, 0, n);
                        written[0] += n;
                        bytesCopied.accept(n);
                    }
                }
            }
        });
        if (written[0] != total) {
            throw new IndexedDatasetException(bin, "wrote " + written[0] + " bytes, the shards held " + total + " when listed");
        }
        Path outIdx = MMapIndexedDataset.idxPath(outPrefix);
        AtomicFiles.write(outIdx, out -> Files.copy(idx, out));
        return new Result(bin, outIdx, total, shards.size(), Sha256.hex(sha));
    }
}
