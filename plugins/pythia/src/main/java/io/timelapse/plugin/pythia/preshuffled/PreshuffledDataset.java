package io.timelapse.plugin.pythia.preshuffled;

import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.tokens.megatron.IndexedDatasetException;
import io.timelapse.lib.tokens.megatron.MMapIndex;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.tokens.megatron.TokenReader;
import io.timelapse.lib.tokens.megatron.TokenType;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A pre-shuffled dataset: item i is training sample i, every item has the same length (2049 for
 * Pythia), and the {@code .bin} may be sharded. Rows are read straight from the shards.
 */
public final class PreshuffledDataset {

    /** The fewest bytes a read brings into memory before it copies them: a batch's worth, not a row's. */
    static final long MIN_LOAD_BYTES = 1 << 16;
    /** The most bytes a read brings into memory before it copies them. */
    static final long LOAD_WINDOW_BYTES = 1 << 25;

    private final MMapIndex index;
    private final ShardedBin bin;
    private final int rowLength;
    private final long rowBytes;

    private PreshuffledDataset(MMapIndex index, ShardedBin bin, int rowLength) {
        this.index = index;
        this.bin = bin;
        this.rowLength = rowLength;
        this.rowBytes = (long) rowLength * index.type().size();
    }

    /** Opens an unsharded prefix (or its {@code .bin}/{@code .idx}) or the first shard of a set. */
    public static PreshuffledDataset open(Path path) throws IOException {
        ShardedBin bin = ShardedBin.open(path);
        MMapIndex index = MMapIndex.open(MMapIndexedDataset.idxPath(bin.prefix()));
        if (bin.size() != index.binBytes()) {
            throw new IndexedDatasetException(bin.files().get(0), (bin.size() < index.binBytes() ? "truncated" : "trailing bytes")
                    + ": the " + bin.shardCount() + " data file(s) hold " + bin.size() + " bytes, the index " + index.file()
                    + " lists " + index.binBytes());
        }
        int rowLength = index.itemCount() == 0 ? 0 : index.size(0);
        // The pointers are validated as a prefix sum, so equal sizes mean row r starts at r × rowBytes.
        long mismatch = firstSizeMismatch(index, rowLength);
        if (mismatch >= 0) {
            throw new IndexedDatasetException(index.file(), "not a pre-shuffled layout: item " + mismatch + " has "
                    + index.size(mismatch) + " tokens, item 0 has " + rowLength);
        }
        return new PreshuffledDataset(index, bin, rowLength);
    }

    private static long firstSizeMismatch(MMapIndex index, int rowLength) {
        int[] sizes = index.sizes();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] != rowLength) {
                return i;
            }
        }
        return -1;
    }

    public MMapIndex index() {
        return index;
    }

    public ShardedBin bin() {
        return bin;
    }

    public TokenType type() {
        return index.type();
    }

    public long rowCount() {
        return index.itemCount();
    }

    public int rowLength() {
        return rowLength;
    }

    /** Byte offset of row {@code row} in the unsharded data. */
    public long rowOffset(long row) {
        return row * rowBytes;
    }

    private void checkRows(long first, long count) {
        if (first < 0 || count < 0 || first > rowCount() - count) {
            throw new IndexOutOfBoundsException("rows [" + first + ", " + (first + count) + ") outside the " + rowCount() + " rows of "
                    + bin.prefix());
        }
    }

    /** Rows [first, first + count) as ints, row after row, into {@code dst} from {@code dstOffset}. */
    public void readRows(long first, int count, int[] dst, int dstOffset) {
        checkRows(first, count);
        int tokens = Math.multiplyExact(count, rowLength);
        Objects.checkFromIndexSize(dstOffset, tokens, dst.length);
        long at = rowOffset(first);
        int size = type().size();
        ParallelReads.read(tokens, (from, to) -> loadAndRead(bin, at, size, from, to, LOAD_WINDOW_BYTES,
                (start, end) -> readInts(at + (long) size * start, dst, dstOffset + start, end - start)));
    }

    private void readInts(long at, int[] dst, int dstOffset, int count) {
        switch (type()) {
            case UINT16 -> bin.readUnsignedShorts(at, dst, dstOffset, count);
            case INT32 -> bin.readInts(at, dst, dstOffset, count);
            default -> {
                byte[] raw = new byte[Math.multiplyExact(count, type().size())];
                bin.readBytes(at, raw, 0, raw.length);
                TokenReader.readInts(LargeByteBuffer.wrap(raw, ByteOrder.LITTLE_ENDIAN), type(), 0, dst, dstOffset, count);
            }
        }
    }

    /** Rows [first, first + count) of a uint16 dataset, as raw 16-bit values (one bulk copy per shard). */
    public void readRowsUint16(long first, int count, short[] dst, int dstOffset) {
        if (type() != TokenType.UINT16) {
            throw new IllegalStateException(bin.prefix() + " holds " + type() + " tokens, not UINT16");
        }
        checkRows(first, count);
        int tokens = Math.multiplyExact(count, rowLength);
        Objects.checkFromIndexSize(dstOffset, tokens, dst.length);
        long at = rowOffset(first);
        ParallelReads.read(tokens, (from, to) -> loadAndRead(bin, at, 2, from, to, LOAD_WINDOW_BYTES,
                (start, end) -> bin.readShorts(at + 2L * start, dst, dstOffset + start, end - start)));
    }

    /**
     * Reads tokens [from, to) of {@code size} bytes each from byte {@code at} on, window by window, each brought into
     * memory in one go before {@code read} copies it: from a cold page cache, faulting a window in page by page is far
     * slower. A window is at most {@code windowBytes}, so that a huge read does not ask for more memory at once than it
     * copies next; a part under {@link #MIN_LOAD_BYTES} (a row) is read as it is.
     */
    static void loadAndRead(ShardedBin bin, long at, int size, int from, int to, long windowBytes, ParallelReads.Part read) {
        if ((long) size * (to - from) < MIN_LOAD_BYTES) {
            read.read(from, to);
            return;
        }
        long window = Math.max(1, windowBytes / size);
        for (int start = from; start < to; ) {
            int end = (int) Math.min(to, start + window);
            bin.load(at + (long) size * start, (long) size * (end - start));
            read.read(start, end);
            start = end;
        }
    }

    /** Rows [first, first + count) as the stored bytes. */
    public byte[] readRowsRaw(long first, int count) {
        checkRows(first, count);
        byte[] out = new byte[Math.toIntExact(count * rowBytes)];
        bin.readBytes(rowOffset(first), out, 0, out.length);
        return out;
    }

    /** The first row of a step's batch: {@code step × batchSize}. */
    public static long firstRowOfStep(long step, int batchSize) {
        return step * batchSize;
    }

    /** Rows of steps [startStep, endStep] inclusive, as {@code batch_viewer.py} selects them. */
    public RowRange stepRows(long startStep, long endStepInclusive, int batchSize) {
        if (startStep < 0 || endStepInclusive < startStep || batchSize < 1) {
            throw new IllegalArgumentException("steps [" + startStep + ", " + endStepInclusive + "] with batch size " + batchSize);
        }
        long first = startStep * batchSize;
        long count = (endStepInclusive - startStep + 1) * batchSize;
        checkRows(first, count);
        return new RowRange(first, count);
    }

    /** A contiguous range of rows. */
    public record RowRange(long first, long count) {}
}
