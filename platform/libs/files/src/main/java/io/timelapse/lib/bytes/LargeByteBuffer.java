package io.timelapse.lib.bytes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * A read-only byte region of any length, addressed by {@code long} byte offsets. It is backed by
 * chunks of {@value #CHUNK_BYTES} bytes (the last may be shorter), so it can map files far beyond
 * the 2 GB limit of a single {@link ByteBuffer}. Because the chunk size is a multiple of 8, an
 * element of size 1, 2, 4 or 8 at an offset that is a multiple of its size never straddles chunks.
 */
public final class LargeByteBuffer {

    /** Bytes per backing chunk. */
    public static final int CHUNK_BYTES = 1 << 30;
    private static final int CHUNK_SHIFT = 30;
    private static final int CHUNK_MASK = CHUNK_BYTES - 1;

    private final ByteBuffer[] chunks;
    private final long size;
    private final ByteOrder order;

    private LargeByteBuffer(ByteBuffer[] chunks, long size, ByteOrder order) {
        this.chunks = chunks;
        this.size = size;
        this.order = order;
        for (ByteBuffer chunk : chunks) {
            chunk.order(order);
        }
    }

    /** Maps {@code length} bytes of {@code file} from {@code position}, read-only. */
    public static LargeByteBuffer map(Path file, long position, long length, ByteOrder order) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return map(channel, position, length, order);
        }
    }

    /** Maps a whole file, read-only. */
    public static LargeByteBuffer map(Path file, ByteOrder order) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return map(channel, 0, channel.size(), order);
        }
    }

    /** Maps a region of an open channel; the mapping stays valid after the channel is closed. */
    public static LargeByteBuffer map(FileChannel channel, long position, long length, ByteOrder order) throws IOException {
        if (position < 0 || length < 0) {
            throw new IllegalArgumentException("negative position or length: " + position + ", " + length);
        }
        int count = chunkCount(length);
        ByteBuffer[] chunks = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            long start = (long) i * CHUNK_BYTES;
            long chunkLength = Math.min(CHUNK_BYTES, length - start);
            chunks[i] = channel.map(FileChannel.MapMode.READ_ONLY, position + start, chunkLength);
        }
        return new LargeByteBuffer(chunks, length, order);
    }

    /** Wraps a heap or direct buffer's remaining bytes (at most 2 GB). */
    public static LargeByteBuffer wrap(ByteBuffer buffer, ByteOrder order) {
        ByteBuffer slice = buffer.slice();
        return new LargeByteBuffer(new ByteBuffer[] {slice}, slice.remaining(), order);
    }

    public static LargeByteBuffer wrap(byte[] bytes, ByteOrder order) {
        return wrap(ByteBuffer.wrap(bytes), order);
    }

    /** Wraps chunks that were filled by the caller; every chunk but the last must hold exactly {@link #CHUNK_BYTES}. */
    public static LargeByteBuffer ofChunks(ByteBuffer[] chunks, ByteOrder order) {
        long total = 0;
        ByteBuffer[] slices = new ByteBuffer[chunks.length];
        for (int i = 0; i < chunks.length; i++) {
            slices[i] = chunks[i].slice();
            if (i < chunks.length - 1 && slices[i].remaining() != CHUNK_BYTES) {
                throw new IllegalArgumentException("chunk " + i + " holds " + slices[i].remaining()
                        + " bytes; every chunk but the last must hold " + CHUNK_BYTES);
            }
            total += slices[i].remaining();
        }
        return new LargeByteBuffer(slices, total, order);
    }

    /** Allocates zeroed heap chunks for {@code length} bytes. */
    public static LargeByteBuffer allocate(long length, ByteOrder order) {
        int count = chunkCount(length);
        ByteBuffer[] chunks = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            chunks[i] = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, length - (long) i * CHUNK_BYTES));
        }
        return new LargeByteBuffer(chunks, length, order);
    }

    private static int chunkCount(long length) {
        long count = (length + CHUNK_BYTES - 1) >>> CHUNK_SHIFT;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("region too large: " + length + " bytes");
        }
        return (int) count;
    }

    public long size() {
        return size;
    }

    public ByteOrder order() {
        return order;
    }

    /** The same bytes read in another byte order. */
    public LargeByteBuffer withOrder(ByteOrder newOrder) {
        ByteBuffer[] copies = new ByteBuffer[chunks.length];
        for (int i = 0; i < chunks.length; i++) {
            copies[i] = chunks[i].duplicate();
        }
        return new LargeByteBuffer(copies, size, newOrder);
    }

    /** A view of {@code length} bytes from {@code offset}; the offset must be a multiple of 8. */
    public LargeByteBuffer slice(long offset, long length) {
        checkRange(offset, length);
        if ((offset & 7) != 0) {
            throw new IllegalArgumentException("slice offset " + offset + " is not a multiple of 8");
        }
        int count = chunkCount(length);
        ByteBuffer[] views = new ByteBuffer[count];
        long done = 0;
        for (int i = 0; i < count; i++) {
            long at = offset + done;
            int n = (int) Math.min(CHUNK_BYTES, length - done);
            views[i] = spanOf(at, n);
            done += n;
        }
        return new LargeByteBuffer(views, length, order);
    }

    /** A buffer of {@code n} bytes from {@code at}, copied only when it crosses a chunk boundary. */
    private ByteBuffer spanOf(long at, int n) {
        int chunk = (int) (at >>> CHUNK_SHIFT);
        int pos = (int) (at & CHUNK_MASK);
        if (pos + n <= chunks[chunk].limit()) {
            return chunks[chunk].duplicate().position(pos).limit(pos + n).slice();
        }
        byte[] copy = new byte[n];
        getBytes(at, copy, 0, n);
        return ByteBuffer.wrap(copy);
    }

    private void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("bytes [" + offset + ", " + (offset + length) + ") outside [0, " + size + ")");
        }
    }

    private ByteBuffer chunk(long offset) {
        return chunks[(int) (offset >>> CHUNK_SHIFT)];
    }

    private static int inChunk(long offset) {
        return (int) (offset & CHUNK_MASK);
    }

    public byte getByte(long offset) {
        checkRange(offset, 1);
        return chunk(offset).get(inChunk(offset));
    }

    public short getShort(long offset) {
        checkRange(offset, 2);
        ByteBuffer c = chunk(offset);
        int p = inChunk(offset);
        return p + 2 <= c.limit() ? c.getShort(p) : straddling(offset, 2).getShort(0);
    }

    public int getInt(long offset) {
        checkRange(offset, 4);
        ByteBuffer c = chunk(offset);
        int p = inChunk(offset);
        return p + 4 <= c.limit() ? c.getInt(p) : straddling(offset, 4).getInt(0);
    }

    public long getLong(long offset) {
        checkRange(offset, 8);
        ByteBuffer c = chunk(offset);
        int p = inChunk(offset);
        return p + 8 <= c.limit() ? c.getLong(p) : straddling(offset, 8).getLong(0);
    }

    public float getFloat(long offset) {
        return Float.intBitsToFloat(getInt(offset));
    }

    public double getDouble(long offset) {
        return Double.longBitsToDouble(getLong(offset));
    }

    private ByteBuffer straddling(long offset, int n) {
        byte[] bytes = new byte[n];
        getBytes(offset, bytes, 0, n);
        return ByteBuffer.wrap(bytes).order(order);
    }

    /**
     * Brings bytes [offset, offset + length) of a mapped file into memory before they are read: the kernel is asked to
     * read the whole range ahead at once ({@link MappedByteBuffer#load}), where page faults would read a cold range one
     * readahead window (128 KB by default) at a time. A large read from a cold page cache gets several times faster; a
     * warm one pays a system call. Memory that is not a file mapping is left as it is.
     *
     * @since 1.1
     */
    public void load(long offset, long length) {
        checkRange(offset, length);
        while (length > 0) {
            ByteBuffer c = chunk(offset);
            int p = inChunk(offset);
            int n = (int) Math.min(length, c.limit() - p);
            if (c instanceof MappedByteBuffer mapped) {
                mapped.slice(p, n).load();
            }
            offset += n;
            length -= n;
        }
    }

    /** Copies {@code length} bytes from {@code offset} into {@code dst}. */
    public void getBytes(long offset, byte[] dst, int dstOffset, int length) {
        checkRange(offset, length);
        while (length > 0) {
            ByteBuffer c = chunk(offset);
            int p = inChunk(offset);
            int n = Math.min(length, c.limit() - p);
            c.get(p, dst, dstOffset, n);
            offset += n;
            dstOffset += n;
            length -= n;
        }
    }

    /** Copies {@code count} 2-byte values from byte {@code offset} (a multiple of 2) into {@code dst}. */
    public void getShorts(long offset, short[] dst, int dstOffset, int count) {
        checkRange(offset, 2L * count);
        checkAligned(offset, 2);
        while (count > 0) {
            ByteBuffer c = chunk(offset);
            int p = inChunk(offset);
            int n = Math.min(count, (c.limit() - p) >>> 1);
            c.duplicate().order(order).position(p).asShortBuffer().get(dst, dstOffset, n);
            offset += 2L * n;
            dstOffset += n;
            count -= n;
        }
    }

    /**
     * Copies {@code count} 2-byte values from byte {@code offset}, which need not be a multiple of 2, into
     * {@code dst}, each read as an unsigned 16-bit number (0 to 65535).
     *
     * @since 1.1
     */
    public void getUnsignedShorts(long offset, int[] dst, int dstOffset, int count) {
        checkRange(offset, 2L * count);
        Objects.checkFromIndexSize(dstOffset, count, dst.length);
        while (count > 0) {
            ByteBuffer c = chunk(offset);
            int p = inChunk(offset);
            int n = Math.min(count, (c.limit() - p) >>> 1);
            if (n == 0) {
                // A value cut by a chunk boundary, possible only at an odd offset.
                dst[dstOffset] = getShort(offset) & 0xFFFF;
                n = 1;
            } else {
                // Element by element from a view: on Java 17 faster than a bulk copy followed by a widening loop.
                widen(c.duplicate().order(order).position(p).asCharBuffer(), dst, dstOffset, n);
            }
            offset += 2L * n;
            dstOffset += n;
            count -= n;
        }
    }

    private static void widen(CharBuffer src, int[] dst, int dstOffset, int n) {
        for (int i = 0; i < n; i++) {
            dst[dstOffset + i] = src.get(i);
        }
    }

    /** Copies {@code count} 4-byte values from byte {@code offset} (a multiple of 4) into {@code dst}. */
    public void getInts(long offset, int[] dst, int dstOffset, int count) {
        checkRange(offset, 4L * count);
        checkAligned(offset, 4);
        while (count > 0) {
            ByteBuffer c = chunk(offset);
            int p = inChunk(offset);
            int n = Math.min(count, (c.limit() - p) >>> 2);
            c.duplicate().order(order).position(p).asIntBuffer().get(dst, dstOffset, n);
            offset += 4L * n;
            dstOffset += n;
            count -= n;
        }
    }

    /** Copies {@code count} 8-byte values from byte {@code offset} (a multiple of 8) into {@code dst}. */
    public void getLongs(long offset, long[] dst, int dstOffset, int count) {
        checkRange(offset, 8L * count);
        checkAligned(offset, 8);
        while (count > 0) {
            ByteBuffer c = chunk(offset);
            int p = inChunk(offset);
            int n = Math.min(count, (c.limit() - p) >>> 3);
            c.duplicate().order(order).position(p).asLongBuffer().get(dst, dstOffset, n);
            offset += 8L * n;
            dstOffset += n;
            count -= n;
        }
    }

    private static void checkAligned(long offset, int size) {
        if (offset % size != 0) {
            throw new IllegalArgumentException("byte offset " + offset + " is not a multiple of " + size);
        }
    }

    /** Writes {@code length} bytes from {@code offset} to {@code out}. */
    public void writeTo(long offset, long length, OutputStream out) throws IOException {
        checkRange(offset, length);
        byte[] scratch = new byte[(int) Math.min(1 << 20, Math.max(length, 1))];
        while (length > 0) {
            int n = (int) Math.min(scratch.length, length);
            getBytes(offset, scratch, 0, n);
            out.write(scratch, 0, n);
            offset += n;
            length -= n;
        }
    }

    /** Whether both regions hold the same bytes. */
    public boolean contentEquals(LargeByteBuffer other) {
        if (other.size != size) {
            return false;
        }
        byte[] a = new byte[1 << 16];
        byte[] b = new byte[1 << 16];
        for (long at = 0; at < size; at += a.length) {
            int n = (int) Math.min(a.length, size - at);
            getBytes(at, a, 0, n);
            other.getBytes(at, b, 0, n);
            if (!Arrays.equals(a, 0, n, b, 0, n)) {
                return false;
            }
        }
        return true;
    }
}
