package io.timelapse.plugin.pythia.preshuffled;

import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.tokens.megatron.IndexedDatasetException;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code .bin} of a pre-shuffled dataset, either one file or shards cut at arbitrary byte
 * offsets ({@code name-00000-of-000NN.bin}, NN+1 files, as pythia's {@code shard_memmap.py}
 * writes them). A byte offset {@code b} lies in shard {@code b / shardSize} at {@code b % shardSize},
 * where the shard size is that of shard 0. All shards are memory-mapped.
 */
public final class ShardedBin {

    /** Bytes copied at a time from a shard whose values are not aligned to its start. */
    private static final int MISALIGNED_BLOCK = 1 << 16;
    private static final Pattern SHARD = Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.bin");

    private final Path prefix;
    private final List<Path> files;
    private final LargeByteBuffer[] shards;
    private final long shardSize;
    private final long size;

    private ShardedBin(Path prefix, List<Path> files, LargeByteBuffer[] shards, long shardSize, long size) {
        this.prefix = prefix;
        this.files = List.copyOf(files);
        this.shards = shards;
        this.shardSize = shardSize;
        this.size = size;
    }

    /** Whether the file name follows the shard pattern. */
    public static boolean isShard(Path path) {
        return SHARD.matcher(path.getFileName().toString()).matches();
    }

    /** Whether the file name is that of a set's first shard, {@code NAME-00000-of-000NN.bin}. */
    public static boolean isFirstShard(Path path) {
        Matcher m = SHARD.matcher(path.getFileName().toString());
        return m.matches() && Integer.parseInt(m.group(2)) == 0;
    }

    /** The shard files of the set {@code firstShard} belongs to, in order; their sizes are checked. */
    public static List<Path> shardFiles(Path firstShard) throws IOException {
        Matcher m = SHARD.matcher(firstShard.getFileName().toString());
        if (!m.matches()) {
            throw new IndexedDatasetException(firstShard, "not a shard name (expected NAME-00000-of-000NN.bin)");
        }
        if (Integer.parseInt(m.group(2)) != 0) {
            throw new IndexedDatasetException(firstShard, "is shard " + m.group(2) + "; give the first shard, -00000-of-" + m.group(3));
        }
        int last = Integer.parseInt(m.group(3));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            Path shard = firstShard.resolveSibling(String.format("%s-%05d-of-%05d.bin", m.group(1), i, last));
            if (!Files.isRegularFile(shard)) {
                throw new IndexedDatasetException(shard, "missing shard " + i + " of the " + (last + 1) + " that -of-" + m.group(3)
                        + " announces");
            }
            files.add(shard);
        }
        long first = Files.size(files.get(0));
        if (first == 0) {
            throw new IndexedDatasetException(files.get(0), "shard 0 is empty");
        }
        for (int i = 1; i < files.size(); i++) {
            long size = Files.size(files.get(i));
            boolean lastShard = i == files.size() - 1;
            if (lastShard ? size > first || size == 0 : size != first) {
                throw new IndexedDatasetException(files.get(i), "shard " + i + " has " + size + " bytes; expected "
                        + (lastShard ? "between 1 and " + first : "exactly " + first + ", the size of shard 0"));
            }
        }
        return files;
    }

    /** The data prefix of a shard set: the first shard's name without {@code -00000-of-000NN.bin}. */
    public static Path prefixOfShard(Path shard) {
        Matcher m = SHARD.matcher(shard.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(shard + " is not a shard name");
        }
        return shard.resolveSibling(m.group(1));
    }

    /** Opens an unsharded prefix (or its {@code .bin}/{@code .idx}), or a shard set by its first shard. */
    public static ShardedBin open(Path path) throws IOException {
        if (isShard(path)) {
            List<Path> files = shardFiles(path);
            LargeByteBuffer[] shards = new LargeByteBuffer[files.size()];
            long total = 0;
            for (int i = 0; i < shards.length; i++) {
                shards[i] = LargeByteBuffer.map(files.get(i), ByteOrder.LITTLE_ENDIAN);
                total += shards[i].size();
            }
            return new ShardedBin(prefixOfShard(path), files, shards, shards[0].size(), total);
        }
        Path prefix = MMapIndexedDataset.prefixOf(path);
        Path bin = MMapIndexedDataset.binPath(prefix);
        if (!Files.isRegularFile(bin)) {
            throw new IndexedDatasetException(bin, "no such data file");
        }
        LargeByteBuffer whole = LargeByteBuffer.map(bin, ByteOrder.LITTLE_ENDIAN);
        return new ShardedBin(prefix, List.of(bin), new LargeByteBuffer[] {whole}, Math.max(1, whole.size()), whole.size());
    }

    public Path prefix() {
        return prefix;
    }

    public List<Path> files() {
        return files;
    }

    public int shardCount() {
        return shards.length;
    }

    /** Bytes per shard (all but the last), taken from shard 0. */
    public long shardSize() {
        return shardSize;
    }

    /** Total bytes over all shards. */
    public long size() {
        return size;
    }

    /** The shard that byte {@code offset} lies in. */
    public int shardOf(long offset) {
        return (int) (offset / shardSize);
    }

    private void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + (offset + length) + ") outside the " + size + " bytes of "
                    + prefix);
        }
    }

    /** Brings bytes [offset, offset + length) into memory, shard by shard ({@link LargeByteBuffer#load}). */
    public void load(long offset, long length) {
        walk(offset, length, (shard, at, done, n) -> shard.load(at, n));
    }

    public void readBytes(long offset, byte[] dst, int dstOffset, int length) {
        walk(offset, length, (shard, at, done, n) -> shard.getBytes(at, dst, dstOffset + (int) done, (int) n));
    }

    /** Receives the {@code n} bytes from {@code at} in one shard, the range's bytes from {@code done} on. */
    private interface Span {
        void accept(LargeByteBuffer shard, long at, long done, long n);
    }

    /** Hands bytes [offset, offset + length) to {@code span} one shard's part at a time. */
    private void walk(long offset, long length, Span span) {
        checkRange(offset, length);
        for (long done = 0; done < length; ) {
            int shard = shardOf(offset + done);
            long at = offset + done - shard * shardSize;
            long n = Math.min(length - done, shards[shard].size() - at);
            span.accept(shards[shard], at, done, n);
            done += n;
        }
    }

    /** Copies {@code count} little-endian 16-bit values from byte {@code offset}, in one bulk copy per shard. */
    public void readShorts(long offset, short[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        readElements(offset, count, 2, (shard, at, done, n) -> {
            if ((at & 1) == 0) {
                shard.getShorts(at, dst, dstOffset + done, n);
            } else {
                viaBytes(shard, at, n, 2, (bytes, k) -> bytes.asShortBuffer().get(dst, dstOffset + done + k, bytes.remaining() / 2));
            }
        }, (bytes, done) -> dst[dstOffset + done] = bytes.getShort());
    }

    /** Copies {@code count} little-endian 16-bit values from byte {@code offset} as unsigned ints (0 to 65535). */
    public void readUnsignedShorts(long offset, int[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        readElements(offset, count, 2, (shard, at, done, n) -> shard.getUnsignedShorts(at, dst, dstOffset + done, n),
                (bytes, done) -> dst[dstOffset + done] = bytes.getShort() & 0xFFFF);
    }

    /** Copies {@code count} little-endian 32-bit values from byte {@code offset}, in one bulk copy per shard. */
    public void readInts(long offset, int[] dst, int dstOffset, int count) {
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        readElements(offset, count, 4, (shard, at, done, n) -> {
            if ((at & 3) == 0) {
                shard.getInts(at, dst, dstOffset + done, n);
            } else {
                viaBytes(shard, at, n, 4, (bytes, k) -> bytes.asIntBuffer().get(dst, dstOffset + done + k, bytes.remaining() / 4));
            }
        }, (bytes, done) -> dst[dstOffset + done] = bytes.getInt());
    }

    /** Reads the values of a run within one shard: {@code n} values from byte {@code at}, to element {@code done} on. */
    private interface Run {
        void read(LargeByteBuffer shard, long at, int done, int n);
    }

    /** Reads element {@code done} from its bytes, cut by a shard boundary and joined here. */
    private interface Cut {
        void read(ByteBuffer bytes, int done);
    }

    /**
     * Walks {@code count} elements of {@code size} bytes from byte {@code offset}: each run of whole elements within one
     * shard goes to {@code run}, an element that a shard boundary cuts to {@code cut}.
     */
    private void readElements(long offset, int count, int size, Run run, Cut cut) {
        checkRange(offset, (long) size * count);
        int done = 0;
        while (done < count) {
            int shard = shardOf(offset);
            long at = offset - shard * shardSize;
            long whole = (shards[shard].size() - at) / size;
            int n = (int) Math.min(count - done, whole);
            if (n > 0) {
                run.read(shards[shard], at, done, n);
            } else {
                byte[] bytes = new byte[size];
                readBytes(offset, bytes, 0, size);
                cut.read(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN), done);
                n = 1;
            }
            done += n;
            offset += (long) size * n;
        }
    }

    /** Receives the bytes of values from value {@code first} of a run on. */
    private interface Block {
        void read(ByteBuffer bytes, int first);
    }

    /**
     * Hands the {@code n} values of {@code size} bytes from {@code at}, an offset not aligned to them (a shard set cut
     * at an odd byte offset), to {@code values} block by block.
     */
    private static void viaBytes(LargeByteBuffer shard, long at, int n, int size, Block values) {
        int perBlock = MISALIGNED_BLOCK / size;
        byte[] block = new byte[Math.min(n, perBlock) * size];
        for (int first = 0; first < n; first += perBlock) {
            int bytes = Math.min(perBlock, n - first) * size;
            shard.getBytes(at + (long) first * size, block, 0, bytes);
            values.read(ByteBuffer.wrap(block, 0, bytes).order(ByteOrder.LITTLE_ENDIAN), first);
        }
    }
}
