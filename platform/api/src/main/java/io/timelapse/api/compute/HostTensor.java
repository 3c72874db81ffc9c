package io.timelapse.api.compute;

import io.timelapse.api.numeric.HalfFloats;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A typed, shaped tensor in host memory: little-endian elements in row-major (C) order, in a heap
 * or direct buffer. A tensor the backend returns may be a view of native memory; close it to
 * release that memory, and {@link #copy()} what must outlive it. Reading a closed tensor throws
 * {@link IllegalStateException}. Element accessors convert F16 and BF16 to float and BOOL to 0/1.
 */
public final class HostTensor implements AutoCloseable {

    private final DType dtype;
    private final Shape shape;
    private final ByteBuffer data;
    private final AutoCloseable release;
    private boolean closed;

    private HostTensor(DType dtype, Shape shape, ByteBuffer data, AutoCloseable release) {
        if (!shape.isFullyKnown()) {
            throw new IllegalArgumentException("a host tensor needs a fully known shape, got " + shape);
        }
        long bytes = Math.multiplyExact(shape.size(), (long) dtype.byteSize());
        if (data.remaining() != bytes) {
            throw new IllegalArgumentException(dtype + " tensor of shape " + shape + " needs " + bytes + " bytes, got " + data.remaining());
        }
        this.dtype = dtype;
        this.shape = shape;
        this.data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.release = release;
    }

    /** Wraps {@code data} (little-endian, C order) without copying it. */
    public static HostTensor wrap(DType dtype, Shape shape, ByteBuffer data) {
        return new HostTensor(dtype, shape, data, null);
    }

    /** Wraps backend-owned memory; {@code release} frees it when the tensor is closed. */
    public static HostTensor wrapOwned(DType dtype, Shape shape, ByteBuffer data, AutoCloseable release) {
        return new HostTensor(dtype, shape, data, release);
    }

    public static HostTensor zeros(DType dtype, Shape shape) {
        return new HostTensor(dtype, shape, ByteBuffer.allocate(Math.toIntExact(shape.size() * dtype.byteSize())), null);
    }

    public static HostTensor of(float[] values, long... dims) {
        HostTensor tensor = zeros(DType.F32, shapeFor(values.length, dims));
        tensor.data.asFloatBuffer().put(values);
        return tensor;
    }

    public static HostTensor of(double[] values, long... dims) {
        HostTensor tensor = zeros(DType.F64, shapeFor(values.length, dims));
        tensor.data.asDoubleBuffer().put(values);
        return tensor;
    }

    public static HostTensor of(int[] values, long... dims) {
        HostTensor tensor = zeros(DType.I32, shapeFor(values.length, dims));
        tensor.data.asIntBuffer().put(values);
        return tensor;
    }

    public static HostTensor of(long[] values, long... dims) {
        HostTensor tensor = zeros(DType.I64, shapeFor(values.length, dims));
        tensor.data.asLongBuffer().put(values);
        return tensor;
    }

    public static HostTensor of(boolean[] values, long... dims) {
        HostTensor tensor = zeros(DType.BOOL, shapeFor(values.length, dims));
        for (int i = 0; i < values.length; i++) {
            tensor.data.put(i, (byte) (values[i] ? 1 : 0));
        }
        return tensor;
    }

    public static HostTensor scalar(float value) {
        return of(new float[] {value});
    }

    public static HostTensor scalar(double value) {
        return of(new double[] {value});
    }

    public static HostTensor scalar(int value) {
        return of(new int[] {value});
    }

    public static HostTensor scalar(long value) {
        return of(new long[] {value});
    }

    /** Converts {@code values} to {@code dtype} (rounding to nearest for F16/BF16). */
    public static HostTensor fromDoubles(DType dtype, Shape shape, double[] values) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + shape);
        }
        HostTensor tensor = zeros(dtype, shape);
        for (int i = 0; i < values.length; i++) {
            tensor.set(i, values[i]);
        }
        return tensor;
    }

    public DType dtype() {
        return dtype;
    }

    public Shape shape() {
        return shape;
    }

    public long size() {
        return shape.size();
    }

    /** A read-only little-endian view of the elements, valid until the tensor is closed. */
    public ByteBuffer buffer() {
        checkOpen();
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Element {@code index} in C order, as a double. */
    public double get(long index) {
        checkOpen();
        int i = Math.toIntExact(index);
        switch (dtype) {
            case F16:
                return HalfFloats.f16ToFloat(data.getShort(i * 2));
            case BF16:
                return HalfFloats.bf16ToFloat(data.getShort(i * 2));
            case F32:
                return data.getFloat(i * 4);
            case F64:
                return data.getDouble(i * 8);
            case I32:
                return data.getInt(i * 4);
            case I64:
                return data.getLong(i * 8);
            case U8:
                return data.get(i) & 0xFF;
            default:
                return data.get(i) != 0 ? 1 : 0;
        }
    }

    /** Element {@code index} of an integer tensor, exactly. */
    public long getLong(long index) {
        checkOpen();
        int i = Math.toIntExact(index);
        switch (dtype) {
            case I64:
                return data.getLong(i * 8);
            case I32:
                return data.getInt(i * 4);
            case U8:
                return data.get(i) & 0xFF;
            case BOOL:
                return data.get(i) != 0 ? 1 : 0;
            default:
                throw new IllegalStateException("getLong needs an integer tensor, this one is " + dtype);
        }
    }

    private void set(int i, double value) {
        switch (dtype) {
            case F16:
                data.putShort(i * 2, HalfFloats.floatToF16((float) value));
                break;
            case BF16:
                data.putShort(i * 2, HalfFloats.floatToBf16((float) value));
                break;
            case F32:
                data.putFloat(i * 4, (float) value);
                break;
            case F64:
                data.putDouble(i * 8, value);
                break;
            case I32:
                data.putInt(i * 4, (int) value);
                break;
            case I64:
                data.putLong(i * 8, (long) value);
                break;
            case U8:
                data.put(i, (byte) (int) value);
                break;
            default:
                data.put(i, (byte) (value != 0 ? 1 : 0));
        }
    }

    public float[] toFloats() {
        checkOpen();
        float[] values = new float[Math.toIntExact(size())];
        if (dtype == DType.F32) {
            data.asFloatBuffer().get(values);
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) get(i);
            }
        }
        return values;
    }

    public double[] toDoubles() {
        checkOpen();
        double[] values = new double[Math.toIntExact(size())];
        if (dtype == DType.F64) {
            data.asDoubleBuffer().get(values);
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = get(i);
            }
        }
        return values;
    }

    public int[] toInts() {
        checkOpen();
        int[] values = new int[Math.toIntExact(size())];
        if (dtype == DType.I32) {
            data.asIntBuffer().get(values);
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.toIntExact(getLong(i));
            }
        }
        return values;
    }

    public long[] toLongs() {
        checkOpen();
        long[] values = new long[Math.toIntExact(size())];
        if (dtype == DType.I64) {
            data.asLongBuffer().get(values);
        } else {
            for (int i = 0; i < values.length; i++) {
                values[i] = getLong(i);
            }
        }
        return values;
    }

    /** The single element of a scalar or one-element tensor. */
    public double scalarValue() {
        if (size() != 1) {
            throw new IllegalStateException("scalarValue needs one element, the shape is " + shape);
        }
        return get(0);
    }

    /** An independent copy on the Java heap, valid after this tensor is closed. */
    public HostTensor copy() {
        checkOpen();
        ByteBuffer copy = ByteBuffer.allocate(data.remaining());
        copy.put(data.duplicate());
        copy.flip();
        return new HostTensor(dtype, shape, copy, null);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (release != null) {
            try {
                release.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not release a backend tensor", e);
            }
        }
    }

    @Override
    public String toString() {
        return dtype + shape.toString();
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new IllegalStateException("this " + this + " tensor is closed; copy() what must outlive its Outputs");
        }
    }

    private static Shape shapeFor(int length, long[] dims) {
        Shape shape = dims.length == 0 && length != 1 ? Shape.of(length) : Shape.of(dims);
        if (shape.size() != length) {
            throw new IllegalArgumentException(length + " values do not fill shape " + shape);
        }
        return shape;
    }
}
