package io.timelapse.lib.safetensors;

import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.files.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects tensors and writes them as one safetensors file. The layout is deterministic and the
 * reference writer's: tensors sorted by dtype, widest first in {@link TensorDType}'s order, then by
 * name (UTF-8 byte order), so every tensor starts at a multiple of its element size; metadata keys
 * sorted. The writer keeps references to the given buffers and copies nothing until it writes.
 */
public final class SafetensorsWriter {

    private static final Comparator<Pending> LAYOUT_ORDER = Comparator
            .comparing((Pending p) -> p.dtype, Comparator.reverseOrder())
            .thenComparing((a, b) -> Arrays.compareUnsigned(a.nameBytes, b.nameBytes));

    private final Map<String, String> metadata = new TreeMap<>();
    private final Map<String, Pending> tensors = new LinkedHashMap<>();

    private static final class Pending {
        final String name;
        final byte[] nameBytes;
        final TensorDType dtype;
        final long[] shape;
        final LargeByteBuffer data;

        Pending(String name, TensorDType dtype, long[] shape, LargeByteBuffer data) {
            this.name = name;
            this.nameBytes = name.getBytes(StandardCharsets.UTF_8);
            this.dtype = dtype;
            this.shape = shape;
            this.data = data;
        }
    }

    /** Adds a {@code __metadata__} entry. */
    public SafetensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public SafetensorsWriter metadata(Map<String, String> entries) {
        metadata.putAll(entries);
        return this;
    }

    /** Adds a tensor whose little-endian, row-major bytes are {@code data}'s remaining bytes. */
    public SafetensorsWriter add(String name, TensorDType dtype, long[] shape, ByteBuffer data) {
        return add(name, dtype, shape, LargeByteBuffer.wrap(data, ByteOrder.LITTLE_ENDIAN));
    }

    /** Adds a tensor of any size whose little-endian, row-major bytes are all of {@code data}. */
    public SafetensorsWriter add(String name, TensorDType dtype, long[] shape, LargeByteBuffer data) {
        if (name == null || name.isEmpty() || name.equals(HeaderParser.METADATA_KEY)) {
            throw new IllegalArgumentException("invalid tensor name '" + name + "'");
        }
        if (tensors.containsKey(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' was already added");
        }
        for (long dim : shape) {
            if (dim < 0) {
                throw new IllegalArgumentException("tensor '" + name + "': negative dimension in " + Arrays.toString(shape));
            }
        }
        long bytes = Math.multiplyExact(TensorInfo.elementCount(shape), (long) dtype.byteSize());
        if (data.size() != bytes) {
            throw new IllegalArgumentException("tensor '" + name + "': " + dtype + " shape " + Arrays.toString(shape)
                    + " needs " + bytes + " bytes, got " + data.size());
        }
        tensors.put(name, new Pending(name, dtype, shape.clone(), data));
        return this;
    }

    /** Adds a tensor read from another file under {@code name}, without copying it now. */
    public SafetensorsWriter add(String name, SafetensorsTensor tensor) {
        return add(name, tensor.dtype(), tensor.shape(), tensor.largeData());
    }

    /** The header entries in the order the data will be laid out. */
    public List<TensorInfo> layout() {
        List<Pending> ordered = new ArrayList<>(tensors.values());
        ordered.sort(LAYOUT_ORDER);
        List<TensorInfo> layout = new ArrayList<>(ordered.size());
        long offset = 0;
        for (Pending p : ordered) {
            long end = offset + p.data.size();
            layout.add(new TensorInfo(p.name, p.dtype, p.shape, offset, end));
            offset = end;
        }
        return layout;
    }

    /** Writes the file atomically: a temporary file is filled, forced to disk and renamed over {@code target}. */
    public void write(Path target) throws IOException {
        AtomicFiles.write(target, this::writeTo);
    }

    /** Streams the file's bytes to {@code out}, which stays open. */
    public void writeTo(OutputStream out) throws IOException {
        List<TensorInfo> layout = layout();
        byte[] header = HeaderEncoder.encode(metadata, layout);
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        byte[] length = new byte[8];
        ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
        buffered.write(length);
        buffered.write(header);
        for (TensorInfo info : layout) {
            LargeByteBuffer data = tensors.get(info.name()).data;
            data.writeTo(0, data.size(), buffered);
        }
        buffered.flush();
    }
}
