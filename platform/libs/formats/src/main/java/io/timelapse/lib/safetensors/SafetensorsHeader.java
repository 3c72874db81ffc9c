package io.timelapse.lib.safetensors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated safetensors header: the {@code __metadata__} map and the tensor entries, whose byte
 * ranges exactly tile the data section.
 */
public final class SafetensorsHeader {

    /** The largest header this library reads, as the reference reader caps it. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private final Map<String, String> metadata;
    private final List<TensorInfo> tensors;
    private final Map<String, TensorInfo> byName;

    private SafetensorsHeader(Map<String, String> metadata, List<TensorInfo> tensors) {
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        List<TensorInfo> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        this.tensors = List.copyOf(sorted);
        Map<String, TensorInfo> names = new LinkedHashMap<>();
        for (TensorInfo info : this.tensors) {
            names.put(info.name(), info);
        }
        this.byName = Collections.unmodifiableMap(names);
    }

    /**
     * Parses and validates the JSON header of a file whose data section holds {@code dataLength}
     * bytes; {@code source} names the file in error messages.
     */
    public static SafetensorsHeader parse(String source, byte[] json, long dataLength) throws SafetensorsFormatException {
        HeaderParser.Parsed parsed = HeaderParser.parse(source, json);
        SafetensorsHeader header = new SafetensorsHeader(parsed.metadata(), parsed.tensors());
        header.checkTiling(source, dataLength);
        return header;
    }

    private void checkTiling(String source, long dataLength) throws SafetensorsFormatException {
        long expectedBegin = 0;
        for (TensorInfo info : tensors) {
            long bytes;
            try {
                bytes = Math.multiplyExact(info.elementCount(), (long) info.dtype().byteSize());
            } catch (ArithmeticException e) {
                throw new SafetensorsFormatException(source, "tensor '" + info.name() + "': shape "
                        + java.util.Arrays.toString(info.shape()) + " overflows a 64-bit byte count");
            }
            if (info.byteLength() != bytes) {
                throw new SafetensorsFormatException(source, "tensor '" + info.name() + "': data_offsets ["
                        + info.begin() + ", " + info.end() + "] span " + info.byteLength() + " bytes, but "
                        + info.dtype() + " shape " + java.util.Arrays.toString(info.shape()) + " needs " + bytes);
            }
            if (info.begin() != expectedBegin) {
                String problem = info.begin() > expectedBegin ? "leaves a gap" : "overlaps the previous tensor";
                throw new SafetensorsFormatException(source, "tensor '" + info.name() + "': data_offsets begin at "
                        + info.begin() + " but the previous tensor ends at " + expectedBegin + " (" + problem
                        + "; tensors must tile the data section)");
            }
            expectedBegin = info.end();
        }
        if (expectedBegin != dataLength) {
            String last = tensors.isEmpty() ? "no tensors" : "the last tensor, '" + tensors.get(tensors.size() - 1).name() + "',";
            throw new SafetensorsFormatException(source, "the data section holds " + dataLength + " bytes, but "
                    + last + " end" + (tensors.isEmpty() ? "" : "s") + " at " + expectedBegin
                    + (dataLength < expectedBegin ? " (file truncated?)" : " (trailing bytes)"));
        }
    }

    /** The {@code __metadata__} entries, in file order; empty when the header has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The tensors in data order. */
    public List<TensorInfo> tensors() {
        return tensors;
    }

    /** The entry for {@code name}, or null. */
    public TensorInfo tensor(String name) {
        return byName.get(name);
    }

    /** Tensor names in data order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
