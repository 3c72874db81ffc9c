package io.timelapse.lib.tokens.megatron;

import io.timelapse.lib.bytes.LargeByteBuffer;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Megatron {@code MMapIndexedDataset}: the {@code .idx} index and the memory-mapped {@code .bin}
 * tokens of a data prefix. Items are token sequences; gpt-neox treats each item as a document.
 */
public final class MMapIndexedDataset {

    private final Path prefix;
    private final MMapIndex index;
    private final LargeByteBuffer bin;

    private MMapIndexedDataset(Path prefix, MMapIndex index, LargeByteBuffer bin) {
        this.prefix = prefix;
        this.index = index;
        this.bin = bin;
    }

    public static Path idxPath(Path prefix) {
        return prefix.resolveSibling(prefix.getFileName() + ".idx");
    }

    public static Path binPath(Path prefix) {
        return prefix.resolveSibling(prefix.getFileName() + ".bin");
    }

    /** The data prefix of a path that names the prefix itself, its {@code .idx} or its {@code .bin}. */
    public static Path prefixOf(Path path) {
        String name = path.getFileName().toString();
        if (name.endsWith(".idx") || name.endsWith(".bin")) {
            return path.resolveSibling(name.substring(0, name.length() - 4));
        }
        return path;
    }

    /** Opens {@code prefix.idx} and {@code prefix.bin}, checking that the {@code .bin} holds exactly the indexed tokens. */
    public static MMapIndexedDataset open(Path prefix) throws IOException {
        MMapIndex index = MMapIndex.open(idxPath(prefix));
        Path binFile = binPath(prefix);
        if (!Files.isRegularFile(binFile)) {
            throw new IndexedDatasetException(binFile, "no such data file (the index " + index.file() + " exists)");
        }
        long binSize = Files.size(binFile);
        if (binSize != index.binBytes()) {
            throw new IndexedDatasetException(binFile, (binSize < index.binBytes() ? "truncated" : "trailing bytes") + ": the index lists "
                    + index.tokenCount() + " tokens of " + index.type() + " = " + index.binBytes() + " bytes, the file has " + binSize);
        }
        LargeByteBuffer bin = LargeByteBuffer.map(binFile, ByteOrder.LITTLE_ENDIAN);
        return new MMapIndexedDataset(prefix, index, bin);
    }

    public Path prefix() {
        return prefix;
    }

    public MMapIndex index() {
        return index;
    }

    public TokenType type() {
        return index.type();
    }

    public long itemCount() {
        return index.itemCount();
    }

    /** The raw {@code .bin} bytes. */
    public LargeByteBuffer bin() {
        return bin;
    }

    /** All tokens of an item. */
    public long[] get(long item) {
        int size = index.size(item);
        long[] out = new long[size];
        read(item, 0, size, out, 0);
        return out;
    }

    /** {@code length} tokens of {@code item} from token {@code offset}, as gpt-neox's {@code get(idx, offset, length)}. */
    public long[] get(long item, int offset, int length) {
        long[] out = new long[length];
        read(item, offset, length, out, 0);
        return out;
    }

    public void read(long item, int offset, int length, long[] dst, int dstOffset) {
        TokenReader.readLongs(bin, type(), byteOffset(item, offset, length), dst, dstOffset, length);
    }

    public void read(long item, int offset, int length, int[] dst, int dstOffset) {
        TokenReader.readInts(bin, type(), byteOffset(item, offset, length), dst, dstOffset, length);
    }

    private long byteOffset(long item, int offset, int length) {
        int size = index.size(item);
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("tokens [" + offset + ", " + ((long) offset + length) + ") outside item " + item
                    + " of " + size + " tokens");
        }
        return index.pointer(item) + (long) offset * type().size();
    }
}
