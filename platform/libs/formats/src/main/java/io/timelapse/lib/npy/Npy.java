package io.timelapse.lib.npy;

import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.files.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Reads and writes single arrays in NumPy's {@code .npy} format. */
public final class Npy {

    private static final int WRITE_CHUNK = 1 << 20;

    private Npy() {}

    /** A parsed header and the number of bytes it took in the file. */
    public record Prelude(NpyHeader header, int length) {}

    // ---- reading ----

    /** Reads the whole array into memory. */
    public static NpyArray read(Path file) throws IOException {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Prelude prelude = readPrelude(Channels.newInputStream(channel), source);
            long dataBytes = checkSize(prelude, channel.size(), source);
            ByteBuffer[] targets = newChunks(dataBytes);
            long done = 0;
            byte[] scratch = new byte[(int) Math.min(WRITE_CHUNK, Math.max(1, dataBytes))];
            ByteBuffer window = ByteBuffer.wrap(scratch);
            long position = prelude.length();
            for (ByteBuffer target : targets) {
                while (target.hasRemaining()) {
                    window.clear().limit(Math.min(scratch.length, target.remaining()));
                    int n = channel.read(window, position);
                    if (n < 0) {
                        throw new NpyFormatException(source, "file ended after " + done + " of " + dataBytes + " data bytes");
                    }
                    target.put(scratch, 0, n);
                    position += n;
                    done += n;
                }
            }
            return new NpyArray(prelude.header().dtype(), prelude.header().shape(), prelude.header().fortranOrder(),
                    filled(targets, prelude.header().byteOrder()));
        }
    }

    private static ByteBuffer[] newChunks(long size) {
        int count = (int) ((size + LargeByteBuffer.CHUNK_BYTES - 1) / LargeByteBuffer.CHUNK_BYTES);
        ByteBuffer[] chunks = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            long start = (long) i * LargeByteBuffer.CHUNK_BYTES;
            chunks[i] = ByteBuffer.allocate((int) Math.min(LargeByteBuffer.CHUNK_BYTES, size - start));
        }
        return chunks;
    }

    private static LargeByteBuffer filled(ByteBuffer[] chunks, ByteOrder order) {
        for (ByteBuffer chunk : chunks) {
            chunk.flip();
        }
        return LargeByteBuffer.ofChunks(chunks, order);
    }

    /** Maps the array's data read-only; works for arrays of any size. */
    public static NpyArray map(Path file) throws IOException {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Prelude prelude = readPrelude(Channels.newInputStream(channel), source);
            long dataBytes = checkSize(prelude, channel.size(), source);
            LargeByteBuffer data = LargeByteBuffer.map(channel, prelude.length(), dataBytes, prelude.header().byteOrder());
            return new NpyArray(prelude.header().dtype(), prelude.header().shape(), prelude.header().fortranOrder(), data);
        }
    }

    /** Reads only the header of a file. */
    public static NpyHeader readHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Prelude prelude = readPrelude(Channels.newInputStream(channel), file.toString());
            checkSize(prelude, channel.size(), file.toString());
            return prelude.header();
        }
    }

    /** Reads an array from the bytes of a whole {@code .npy} file; {@code source} names it in errors. */
    public static NpyArray read(byte[] bytes, String source) throws IOException {
        Prelude prelude = readPrelude(new ByteArrayInputStream(bytes), source);
        long dataBytes = checkSize(prelude, bytes.length, source);
        ByteBuffer data = ByteBuffer.wrap(bytes, prelude.length(), (int) dataBytes);
        return new NpyArray(prelude.header().dtype(), prelude.header().shape(), prelude.header().fortranOrder(),
                LargeByteBuffer.wrap(data, prelude.header().byteOrder()));
    }

    /** Reads one array from a stream that holds exactly one {@code .npy} file. */
    public static NpyArray read(InputStream in, String source) throws IOException {
        Prelude prelude = readPrelude(in, source);
        long dataBytes = prelude.header().dataBytes();
        ByteBuffer[] targets = newChunks(dataBytes);
        long done = 0;
        for (ByteBuffer target : targets) {
            byte[] bytes = in.readNBytes(target.remaining());
            done += bytes.length;
            if (bytes.length < target.capacity()) {
                throw new NpyFormatException(source, "truncated data: shape " + Arrays.toString(prelude.header().shape()) + " of "
                        + prelude.header().dtype().descriptor() + " needs " + dataBytes + " data bytes, found " + done);
            }
            target.put(bytes);
        }
        if (in.read() >= 0) {
            throw new NpyFormatException(source, "trailing bytes after the " + dataBytes + " data bytes that shape "
                    + Arrays.toString(prelude.header().shape()) + " needs");
        }
        return new NpyArray(prelude.header().dtype(), prelude.header().shape(), prelude.header().fortranOrder(),
                filled(targets, prelude.header().byteOrder()));
    }

    private static long checkSize(Prelude prelude, long fileSize, String source) throws NpyFormatException {
        long dataBytes = prelude.header().dataBytes();
        long expected = prelude.length() + dataBytes;
        if (fileSize != expected) {
            throw new NpyFormatException(source, (fileSize < expected ? "truncated: " : "trailing bytes: ") + "shape "
                    + Arrays.toString(prelude.header().shape()) + " of " + prelude.header().dtype().descriptor(prelude.header().byteOrder())
                    + " needs " + dataBytes + " data bytes after a " + prelude.length() + "-byte header (" + expected
                    + " bytes in all), the file has " + fileSize);
        }
        return dataBytes;
    }

    /** Reads and validates magic, version and header dict, consuming exactly the header bytes. */
    public static Prelude readPrelude(InputStream in, String source) throws IOException {
        byte[] start = readExactly(in, 8, source, "magic and version");
        if (!Arrays.equals(start, 0, 6, NpyHeader.MAGIC, 0, 6)) {
            throw new NpyFormatException(source, "bad magic: expected \\x93NUMPY, found " + describe(start, 6));
        }
        int major = start[6] & 0xFF;
        int minor = start[7] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(source, "unsupported format version " + major + "." + minor + " (expected 1.0, 2.0 or 3.0)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = readExactly(in, lengthBytes, source, "header length");
        long headerLength = 0;
        for (int i = 0; i < lengthBytes; i++) {
            headerLength |= (lengthField[i] & 0xFFL) << (8 * i);
        }
        if (headerLength > Integer.MAX_VALUE - 64) {
            throw new NpyFormatException(source, "header length " + headerLength + " is implausible");
        }
        byte[] dict = readExactly(in, (int) headerLength, source, "header dict of " + headerLength + " bytes");
        String literal = new String(dict, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header = NpyHeader.parse(literal, source);
        return new Prelude(header, 8 + lengthBytes + (int) headerLength);
    }

    private static byte[] readExactly(InputStream in, int n, String source, String what) throws IOException {
        byte[] bytes = in.readNBytes(n);
        if (bytes.length < n) {
            throw new NpyFormatException(source, "truncated " + what + ": needed " + n + " bytes, found " + bytes.length,
                    new EOFException());
        }
        return bytes;
    }

    private static String describe(byte[] bytes, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            sb.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return sb.toString();
    }

    // ---- writing ----

    /** Writes the array atomically, exactly as {@code numpy.save} would. */
    public static void write(Path file, NpyArray array) throws IOException {
        AtomicFiles.write(file, out -> write(out, array));
    }

    public static void write(OutputStream out, NpyArray array) throws IOException {
        out.write(array.header().toBytes());
        array.data().writeTo(0, array.data().size(), out);
    }

    public static byte[] toBytes(NpyArray array) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, array);
        return out.toByteArray();
    }

    /**
     * Writes int values as {@link DType#INT32} or {@link DType#UINT32} (raw bits) without copying
     * the whole array; with no shape given the array is 1-D.
     */
    public static void writeInts(Path file, DType dtype, int[] values, long... shape) throws IOException {
        if (dtype != DType.INT32 && dtype != DType.UINT32) {
            throw new IllegalArgumentException("writeInts writes <i4 or <u4, not " + dtype.descriptor());
        }
        NpyHeader header = new NpyHeader(dtype, ByteOrder.LITTLE_ENDIAN, shapeOf(values.length, shape), false);
        AtomicFiles.write(file, out -> {
            out.write(header.toBytes());
            ByteBuffer buffer = ByteBuffer.allocate(WRITE_CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            int per = WRITE_CHUNK / 4;
            for (int from = 0; from < values.length; from += per) {
                int n = Math.min(per, values.length - from);
                buffer.clear();
                buffer.asIntBuffer().put(values, from, n);
                out.write(buffer.array(), 0, n * 4);
            }
        });
    }

    /** Writes long values as {@link DType#INT64} without copying the whole array. */
    public static void writeLongs(Path file, long[] values, long... shape) throws IOException {
        NpyHeader header = new NpyHeader(DType.INT64, ByteOrder.LITTLE_ENDIAN, shapeOf(values.length, shape), false);
        AtomicFiles.write(file, out -> {
            out.write(header.toBytes());
            ByteBuffer buffer = ByteBuffer.allocate(WRITE_CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            int per = WRITE_CHUNK / 8;
            for (int from = 0; from < values.length; from += per) {
                int n = Math.min(per, values.length - from);
                buffer.clear();
                buffer.asLongBuffer().put(values, from, n);
                out.write(buffer.array(), 0, n * 8);
            }
        });
    }

    private static long[] shapeOf(int length, long[] shape) {
        long[] dims = shape.length == 0 ? new long[] {length} : shape.clone();
        long count = 1;
        for (long dim : dims) {
            count *= dim;
        }
        if (count != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " holds " + count + " elements, got " + length);
        }
        return dims;
    }
}
