package io.timelapse.lib.tokens.megatron;

import io.timelapse.lib.bytes.LargeByteBuffer;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A Megatron {@code MMapIndexedDataset} index ({@code .idx}): header, per-item token counts,
 * per-item byte pointers into the {@code .bin}, and the document boundaries. The arrays stay
 * memory-mapped; opening validates the header, the file length and that the pointers are the
 * exclusive prefix sum of the sizes.
 */
public final class MMapIndex {

    static final byte[] MAGIC = "MMIDIDX\0\0".getBytes(StandardCharsets.ISO_8859_1);
    static final int HEADER_BYTES = 34;

    private final Path file;
    private final TokenType type;
    private final long itemCount;
    private final long docCount;
    private final LargeByteBuffer sizes;
    private final LargeByteBuffer pointers;
    private final LargeByteBuffer docIdx;
    private final long tokenCount;

    private MMapIndex(Path file, TokenType type, long itemCount, long docCount, FileChannel channel) throws IOException {
        this.file = file;
        this.type = type;
        this.itemCount = itemCount;
        this.docCount = docCount;
        // Each array is mapped on its own: the sizes start at byte 34, which is not 4-aligned.
        long pointersAt = HEADER_BYTES + 4 * itemCount;
        long docAt = pointersAt + 8 * itemCount;
        this.sizes = LargeByteBuffer.map(channel, HEADER_BYTES, 4 * itemCount, ByteOrder.LITTLE_ENDIAN);
        this.pointers = LargeByteBuffer.map(channel, pointersAt, 8 * itemCount, ByteOrder.LITTLE_ENDIAN);
        this.docIdx = LargeByteBuffer.map(channel, docAt, 8 * docCount, ByteOrder.LITTLE_ENDIAN);
        this.tokenCount = validateArrays();
    }

    /** Opens and validates an {@code .idx} file. */
    public static MMapIndex open(Path idxFile) throws IOException {
        if (!Files.isRegularFile(idxFile)) {
            throw new IndexedDatasetException(idxFile, "no such index file");
        }
        try (FileChannel channel = FileChannel.open(idxFile, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < HEADER_BYTES) {
                throw new IndexedDatasetException(idxFile, "truncated header: " + fileSize + " bytes, the header alone needs "
                        + HEADER_BYTES);
            }
            LargeByteBuffer region = LargeByteBuffer.map(channel, 0, HEADER_BYTES, ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[MAGIC.length];
            region.getBytes(0, magic, 0, magic.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IndexedDatasetException(idxFile, "bad magic " + printable(magic)
                        + ", expected MMIDIDX\\0\\0 (a Megatron mmap index; the legacy TNTIDX format is not supported)");
            }
            long version = region.getLong(9);
            if (version != 1) {
                throw new IndexedDatasetException(idxFile, "unsupported version " + Long.toUnsignedString(version) + ", expected 1");
            }
            int code = region.getByte(17) & 0xFF;
            TokenType type;
            try {
                type = TokenType.ofCode(code);
            } catch (IllegalArgumentException e) {
                throw new IndexedDatasetException(idxFile, "dtype: " + e.getMessage());
            }
            long items = region.getLong(18);
            long docs = region.getLong(26);
            long limit = fileSize;
            if (items < 0 || docs < 0 || items > limit / 12 || docs > limit / 8) {
                throw new IndexedDatasetException(idxFile, "header counts (len " + Long.toUnsignedString(items) + ", doc_count "
                        + Long.toUnsignedString(docs) + ") cannot fit a file of " + fileSize + " bytes");
            }
            long expected = HEADER_BYTES + 12 * items + 8 * docs;
            if (expected != fileSize) {
                throw new IndexedDatasetException(idxFile, (fileSize < expected ? "truncated" : "trailing bytes") + ": len " + items
                        + " and doc_count " + docs + " need " + expected + " bytes (34 header + 4·len sizes + 8·len pointers + 8·doc_count"
                        + " doc_idx), the file has " + fileSize);
            }
            return new MMapIndex(idxFile, type, items, docs, channel);
        }
    }

    private static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xFF;
            sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }

    private long validateArrays() throws IndexedDatasetException {
        long expectedPointer = 0;
        int block = 1 << 16;
        int[] sizeBlock = new int[block];
        long[] pointerBlock = new long[block];
        for (long start = 0; start < itemCount; start += block) {
            int n = (int) Math.min(block, itemCount - start);
            sizes.getInts(start * 4, sizeBlock, 0, n);
            pointers.getLongs(start * 8, pointerBlock, 0, n);
            for (int i = 0; i < n; i++) {
                if (sizeBlock[i] < 0) {
                    throw new IndexedDatasetException(file, "sizes[" + (start + i) + "] = " + sizeBlock[i] + " is negative");
                }
                if (pointerBlock[i] != expectedPointer) {
                    throw new IndexedDatasetException(file, "pointers[" + (start + i) + "] = " + pointerBlock[i] + ", expected "
                            + expectedPointer + " (the byte offset after the previous items)");
                }
                expectedPointer += (long) sizeBlock[i] * type.size();
            }
        }
        long previous = 0;
        for (long j = 0; j < docCount; j++) {
            long d = docIdx.getLong(j * 8);
            if ((j == 0 && d != 0) || d < previous || d > itemCount) {
                throw new IndexedDatasetException(file, "doc_idx[" + j + "] = " + d + " is out of order or outside [0, " + itemCount + "]");
            }
            previous = d;
        }
        return expectedPointer / type.size();
    }

    public Path file() {
        return file;
    }

    public TokenType type() {
        return type;
    }

    /** Number of items (sequences), {@code len} in the header. */
    public long itemCount() {
        return itemCount;
    }

    /** Entries of the index's own doc_idx (normally items + 1). */
    public long docCount() {
        return docCount;
    }

    /** Total tokens over all items. */
    public long tokenCount() {
        return tokenCount;
    }

    /** Bytes the {@code .bin} must hold. */
    public long binBytes() {
        return tokenCount * type.size();
    }

    public int size(long item) {
        checkItem(item);
        return sizes.getInt(item * 4);
    }

    /** Byte offset of the item in the {@code .bin}. */
    public long pointer(long item) {
        checkItem(item);
        return pointers.getLong(item * 8);
    }

    public long docIdx(long j) {
        if (j < 0 || j >= docCount) {
            throw new IndexOutOfBoundsException("doc_idx entry " + j + " outside [0, " + docCount + ")");
        }
        return docIdx.getLong(j * 8);
    }

    private void checkItem(long item) {
        if (item < 0 || item >= itemCount) {
            throw new IndexOutOfBoundsException("item " + item + " outside [0, " + itemCount + ") in " + file);
        }
    }

    /** All sizes as an int array (4 bytes per item). */
    public int[] sizes() {
        if (itemCount > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(itemCount + " items do not fit a Java array");
        }
        int[] out = new int[(int) itemCount];
        sizes.getInts(0, out, 0, out.length);
        return out;
    }
}
