package io.timelapse.plugin.pythia.bench;

import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.tokens.megatron.MMapIndexedDatasetWriter;
import io.timelapse.lib.tokens.megatron.TokenType;
import io.timelapse.plugin.pythia.preshuffled.Sharder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The data {@code bench pythia} reads, written with plain file writes (never mapped, so this process holds none of its
 * pages): random tokens in the pre-shuffled layout as uint16, once whole and once cut into {@value #SHARDS} shards at
 * an odd byte offset, and as int32, and a {@code .idx} of random document sizes for the index maps.
 */
public final class SyntheticCorpus {

    /** GPT-NeoX-20B's vocabulary, which Pythia's uint16 tokens come from. */
    static final int UINT16_VOCABULARY = 50_277;
    /** A vocabulary beyond 16 bits, the reason a corpus is stored as int32. */
    static final int INT32_VOCABULARY = 256_000;
    static final int SHARDS = 3;
    /** Document sizes of the index-map corpus: uniform on 1..3160, about 1,580 tokens on average as in the Pile. */
    static final int MAX_DOCUMENT = 3160;

    /** The corpora: prefixes of the whole uint16 and int32 data and the first uint16 shard. */
    public record Corpora(Path uint16, Path uint16FirstShard, Path int32) {}

    private SyntheticCorpus() {}

    /** Bytes the corpora of {@code rows} rows and the index of {@code documents} documents take on disk. */
    public static long bytes(long rows, int rowLength, long documents) {
        long tokens = rows * rowLength;
        return tokens * (2 + 2 + 4) + rows * 3 * 12 + documents * 12;
    }

    public static Corpora write(Path dir, long rows, int rowLength, long seed) throws IOException {
        Path uint16 = dir.resolve("uint16");
        Path int32 = dir.resolve("int32");
        long uint16Bytes = rows * rowLength * 2;
        // An odd shard size: every shard after the first starts in the middle of a token, as pythia's shards may.
        long shardBytes = Math.max(1, uint16Bytes / SHARDS) | 1;
        int shardCount = (int) ((uint16Bytes + shardBytes - 1) / shardBytes);
        FileChannel[] shards = new FileChannel[shardCount];
        SplittableRandom random = new SplittableRandom(seed);
        try (FileChannel whole = create(MMapIndexedDataset.binPath(uint16)); FileChannel wide = create(MMapIndexedDataset.binPath(int32))) {
            for (int i = 0; i < shardCount; i++) {
                shards[i] = create(Sharder.shardPath(uint16, i, shardCount));
            }
            ByteBuffer narrow = ByteBuffer.allocateDirect(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
            ByteBuffer broad = ByteBuffer.allocateDirect(1 << 23).order(ByteOrder.LITTLE_ENDIAN);
            long written = 0;
            for (long tokens = rows * rowLength; tokens > 0; ) {
                int n = (int) Math.min(tokens, narrow.capacity() / 2);
                narrow.clear();
                broad.clear();
                for (int i = 0; i < n; i++) {
                    narrow.putShort((short) random.nextInt(UINT16_VOCABULARY));
                    broad.putInt(random.nextInt(INT32_VOCABULARY));
                }
                narrow.flip();
                broad.flip();
                writeFully(whole, narrow.duplicate());
                writeFully(wide, broad);
                written = writeShards(shards, shardBytes, written, narrow);
                tokens -= n;
            }
            whole.force(true);
            wide.force(true);
            for (FileChannel shard : shards) {
                shard.force(true);
            }
        } finally {
            for (FileChannel shard : shards) {
                if (shard != null) {
                    shard.close();
                }
            }
        }
        writeIndex(uint16, TokenType.UINT16, rows, rowLength);
        writeIndex(int32, TokenType.INT32, rows, rowLength);
        return new Corpora(uint16, Sharder.shardPath(uint16, 0, shardCount), int32);
    }

    /** Writes {@code bytes} across the shards from byte {@code at} of the whole; returns the new end. */
    private static long writeShards(FileChannel[] shards, long shardBytes, long at, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            int shard = (int) (at / shardBytes);
            int n = (int) Math.min(bytes.remaining(), shardBytes - at % shardBytes);
            ByteBuffer part = bytes.duplicate();
            part.limit(part.position() + n);
            writeFully(shards[shard], part);
            bytes.position(bytes.position() + n);
            at += n;
        }
        return at;
    }

    /** An {@code .idx} of {@code documents} documents of random sizes, for the index maps; returns its path. */
    public static Path writeIndexMapIndex(Path dir, int documents, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int[] sizes = new int[documents];
        for (int i = 0; i < documents; i++) {
            sizes[i] = 1 + random.nextInt(MAX_DOCUMENT);
        }
        Path idx = dir.resolve("documents.idx");
        MMapIndexedDatasetWriter.writeIndex(idx, TokenType.UINT16, sizes, new long[] {0, documents});
        return idx;
    }

    private static void writeIndex(Path prefix, TokenType type, long rows, int rowLength) throws IOException {
        int[] sizes = new int[Math.toIntExact(rows)];
        Arrays.fill(sizes, rowLength);
        long[] docIdx = new long[sizes.length + 1];
        Arrays.setAll(docIdx, i -> i);
        MMapIndexedDatasetWriter.writeIndex(MMapIndexedDataset.idxPath(prefix), type, sizes, docIdx);
    }

    private static FileChannel create(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }
}
