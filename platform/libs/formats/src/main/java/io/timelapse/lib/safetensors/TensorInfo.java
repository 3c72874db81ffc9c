package io.timelapse.lib.safetensors;

import java.util.Arrays;

/**
 * One header entry: a tensor's name, element type, shape and byte range {@code [begin, end)}
 * relative to the start of the data section.
 */
public final class TensorInfo {

    private final String name;
    private final TensorDType dtype;
    private final long[] shape;
    private final long begin;
    private final long end;

    public TensorInfo(String name, TensorDType dtype, long[] shape, long begin, long end) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape.clone();
        this.begin = begin;
        this.end = end;
    }

    public String name() {
        return name;
    }

    public TensorDType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The product of the dimensions (1 for a scalar); {@link ArithmeticException} on overflow. */
    public long elementCount() {
        return elementCount(shape);
    }

    /** Offset of the first byte, relative to the data section. */
    public long begin() {
        return begin;
    }

    /** Offset one past the last byte, relative to the data section. */
    public long end() {
        return end;
    }

    public long byteLength() {
        return end - begin;
    }

    static long elementCount(long[] shape) {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo info && info.name.equals(name) && info.dtype == dtype
                && Arrays.equals(info.shape, shape) && info.begin == begin && info.end == end;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
    }
}
