package io.timelapse.lib.safetensors;

import io.timelapse.lib.bytes.LargeByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One safetensors file, opened read-only: the header is read and validated at once, tensors are
 * memory-mapped on first access. Files and tensors beyond 2 GB are supported.
 */
public final class SafetensorsFile implements TensorStore {

    private final Path file;
    private final FileChannel channel;
    private final SafetensorsHeader header;
    private final long dataStart;
    private final Map<String, SafetensorsTensor> mapped = new HashMap<>();
    private boolean closed;

    private SafetensorsFile(Path file, FileChannel channel, SafetensorsHeader header, long dataStart) {
        this.file = file;
        this.channel = channel;
        this.header = header;
        this.dataStart = dataStart;
    }

    /** Opens and validates {@code file}; a pickle checkpoint is refused with instructions to convert it. */
    public static SafetensorsFile open(Path file) throws IOException {
        if (PickleGuard.hasPickleName(file)) {
            throw PickleGuard.refusal(file);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            long size = channel.size();
            String source = file.toString();
            byte[] start = new byte[9];
            int got = readFully(channel, ByteBuffer.wrap(start), 0);
            if (PickleGuard.hasPickleMagic(start, got)) {
                throw PickleGuard.refusal(file);
            }
            if (size < 8) {
                throw new SafetensorsFormatException(source, "the file is " + size
                        + " bytes; a safetensors file starts with an 8-byte little-endian header length");
            }
            long headerLength = ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 0 || headerLength > SafetensorsHeader.MAX_HEADER_BYTES) {
                throw new SafetensorsFormatException(source, "header length " + Long.toUnsignedString(headerLength)
                        + " exceeds the cap of " + SafetensorsHeader.MAX_HEADER_BYTES + " bytes (not a safetensors file?)");
            }
            if (headerLength > size - 8) {
                throw new SafetensorsFormatException(source, "header length " + headerLength + " exceeds the "
                        + (size - 8) + " bytes that follow it (file truncated?)");
            }
            byte[] json = new byte[(int) headerLength];
            readFully(channel, ByteBuffer.wrap(json), 8);
            long dataStart = 8 + headerLength;
            SafetensorsHeader header = SafetensorsHeader.parse(source, json, size - dataStart);
            return new SafetensorsFile(file, channel, header, dataStart);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static int readFully(FileChannel channel, ByteBuffer target, long position) throws IOException {
        int total = 0;
        while (target.hasRemaining()) {
            int n = channel.read(target, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    public Path path() {
        return file;
    }

    @Override
    public String source() {
        return file.toString();
    }

    public SafetensorsHeader header() {
        return header;
    }

    /** Byte offset of the data section in the file (8 + header length). */
    public long dataStart() {
        return dataStart;
    }

    @Override
    public List<String> names() {
        return header.names();
    }

    @Override
    public boolean contains(String name) {
        return header.tensor(name) != null;
    }

    @Override
    public TensorInfo info(String name) {
        TensorInfo info = header.tensor(name);
        if (info == null) {
            throw new NoSuchElementException(source() + ": no tensor named '" + name + "' (the file holds "
                    + header.tensors().size() + " tensors)");
        }
        return info;
    }

    @Override
    public synchronized SafetensorsTensor tensor(String name) throws IOException {
        TensorInfo info = info(name);
        if (closed) {
            throw new IllegalStateException(source() + " is closed");
        }
        SafetensorsTensor tensor = mapped.get(name);
        if (tensor == null) {
            long position = dataStart + info.begin();
            long length = info.byteLength();
            tensor = length <= Integer.MAX_VALUE
                    ? new SafetensorsTensor(source(), info, channel.map(FileChannel.MapMode.READ_ONLY, position, length))
                    : new SafetensorsTensor(source(), info, LargeByteBuffer.map(channel, position, length, ByteOrder.LITTLE_ENDIAN));
            mapped.put(name, tensor);
        }
        return tensor;
    }

    @Override
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /** Closes the file; views already returned stay readable. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        mapped.clear();
        channel.close();
    }
}
