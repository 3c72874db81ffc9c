package io.timelapse.lib.npy;

import io.timelapse.api.numeric.HalfFloats;
import io.timelapse.lib.bytes.LargeByteBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * An n-dimensional array as a {@code .npy} file holds it: element type, shape, memory order and
 * the raw element bytes. The bytes may live on the heap or be memory-mapped. Flat indices and the
 * {@code as…Array} accessors always follow C (row-major) order, whatever the storage order.
 */
public final class NpyArray {

    private static final int MAX_JAVA_ARRAY = Integer.MAX_VALUE - 8;

    private final NpyHeader header;
    private final LargeByteBuffer data;

    /** An array over existing element bytes; their byte order is the buffer's. */
    public NpyArray(DType dtype, long[] shape, boolean fortranOrder, LargeByteBuffer data) {
        this.header = new NpyHeader(dtype, dtype.size() == 1 ? ByteOrder.LITTLE_ENDIAN : data.order(), shape, fortranOrder);
        if (data.size() != header.dataBytes()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype.descriptor() + " needs "
                    + header.dataBytes() + " bytes, the buffer holds " + data.size());
        }
        this.data = data;
    }

    // ---- factories (little-endian, C order); with no shape given, the array is 1-D ----

    public static NpyArray ofLongs(long[] values, long... shape) {
        return of(DType.INT64, values, shape);
    }

    public static NpyArray ofInts(int[] values, long... shape) {
        return of(DType.INT32, values, shape);
    }

    public static NpyArray ofDoubles(double[] values, long... shape) {
        return of(DType.FLOAT64, values, shape);
    }

    public static NpyArray ofFloats(float[] values, long... shape) {
        long[] dims = shapeFor(values.length, shape);
        ByteBuffer buffer = newBuffer(DType.FLOAT32, values.length);
        buffer.asFloatBuffer().put(values);
        return new NpyArray(DType.FLOAT32, dims, false, LargeByteBuffer.wrap(buffer, ByteOrder.LITTLE_ENDIAN));
    }

    public static NpyArray ofBooleans(boolean[] values, long... shape) {
        long[] dims = shapeFor(values.length, shape);
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        return new NpyArray(DType.BOOL, dims, false, LargeByteBuffer.wrap(bytes, ByteOrder.LITTLE_ENDIAN));
    }

    /** Integer values stored as {@code dtype}; each must fit the type (unsigned 64-bit takes the raw bits). */
    public static NpyArray of(DType dtype, long[] values, long... shape) {
        long[] dims = shapeFor(values.length, shape);
        ByteBuffer buffer = newBuffer(dtype, values.length);
        for (int i = 0; i < values.length; i++) {
            putIntegral(buffer, dtype, i, values[i]);
        }
        return new NpyArray(dtype, dims, false, LargeByteBuffer.wrap(buffer, ByteOrder.LITTLE_ENDIAN));
    }

    /** Integer values stored as {@code dtype}; for {@link DType#UINT32} the ints are taken as unsigned bits. */
    public static NpyArray of(DType dtype, int[] values, long... shape) {
        long[] dims = shapeFor(values.length, shape);
        ByteBuffer buffer = newBuffer(dtype, values.length);
        if (dtype == DType.INT32 || dtype == DType.UINT32) {
            buffer.asIntBuffer().put(values);
        } else {
            for (int i = 0; i < values.length; i++) {
                putIntegral(buffer, dtype, i, values[i]);
            }
        }
        return new NpyArray(dtype, dims, false, LargeByteBuffer.wrap(buffer, ByteOrder.LITTLE_ENDIAN));
    }

    /** Floating-point values stored as {@code dtype}, which must be a floating-point type. */
    public static NpyArray of(DType dtype, double[] values, long... shape) {
        long[] dims = shapeFor(values.length, shape);
        ByteBuffer buffer = newBuffer(dtype, values.length);
        for (int i = 0; i < values.length; i++) {
            switch (dtype) {
                case FLOAT64 -> buffer.putDouble(i * 8, values[i]);
                case FLOAT32 -> buffer.putFloat(i * 4, (float) values[i]);
                case FLOAT16 -> buffer.putShort(i * 2, HalfFloats.floatToF16((float) values[i]));
                default -> throw new IllegalArgumentException("dtype " + dtype.descriptor() + " is not floating-point");
            }
        }
        return new NpyArray(dtype, dims, false, LargeByteBuffer.wrap(buffer, ByteOrder.LITTLE_ENDIAN));
    }

    private static long[] shapeFor(int length, long[] shape) {
        long[] dims = shape.length == 0 ? new long[] {length} : shape.clone();
        long count = 1;
        for (long dim : dims) {
            if (dim < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
            count *= dim;
        }
        if (count != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " holds " + count + " elements, got " + length);
        }
        return dims;
    }

    private static ByteBuffer newBuffer(DType dtype, int count) {
        long bytes = (long) count * dtype.size();
        if (bytes > MAX_JAVA_ARRAY) {
            throw new IllegalArgumentException(count + " elements of " + dtype.descriptor() + " exceed 2 GB; write them with NpyWriter");
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void putIntegral(ByteBuffer buffer, DType dtype, int i, long v) {
        if (!fits(dtype, v)) {
            throw new IllegalArgumentException("value " + v + " at index " + i + " does not fit " + dtype.descriptor());
        }
        switch (dtype) {
            case BOOL -> buffer.put(i, (byte) (v != 0 ? 1 : 0));
            case UINT8, INT8 -> buffer.put(i, (byte) v);
            case UINT16, INT16 -> buffer.putShort(i * 2, (short) v);
            case UINT32, INT32 -> buffer.putInt(i * 4, (int) v);
            case UINT64, INT64 -> buffer.putLong(i * 8, v);
            default -> throw new IllegalArgumentException("dtype " + dtype.descriptor() + " is not an integer type");
        }
    }

    private static boolean fits(DType dtype, long v) {
        return switch (dtype) {
            case BOOL -> v == 0 || v == 1;
            case UINT8 -> v >= 0 && v <= 0xFF;
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case UINT16 -> v >= 0 && v <= 0xFFFF;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case UINT32 -> v >= 0 && v <= 0xFFFFFFFFL;
            case INT32 -> v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE;
            case UINT64, INT64 -> true;
            default -> false;
        };
    }

    // ---- description ----

    public NpyHeader header() {
        return header;
    }

    public DType dtype() {
        return header.dtype();
    }

    public long[] shape() {
        return header.shape();
    }

    public int ndim() {
        return header.shape().length;
    }

    /** Length of axis {@code axis}. */
    public long dim(int axis) {
        return header.shape()[axis];
    }

    public boolean isFortranOrder() {
        return header.fortranOrder();
    }

    public long elementCount() {
        return header.elementCount();
    }

    /** The raw element bytes, in storage order and the file's byte order. */
    public LargeByteBuffer data() {
        return data;
    }

    // ---- element access by C-order flat index ----

    /** An integer element, widened to {@code long}; unsigned 64-bit values come back as their raw bits. */
    public long getLong(long index) {
        return rawLong(storageIndex(index));
    }

    public int getInt(long index) {
        long v = getLong(index);
        if (v != (int) v || dtype() == DType.UINT64 && v < 0) {
            throw new ArithmeticException("element " + index + " = " + Long.toUnsignedString(v) + " of " + dtype().descriptor()
                    + " does not fit an int");
        }
        return (int) v;
    }

    public double getDouble(long index) {
        long at = storageIndex(index) * dtype().size();
        return switch (dtype()) {
            case FLOAT64 -> data.getDouble(at);
            case FLOAT32 -> data.getFloat(at);
            case FLOAT16 -> HalfFloats.f16ToFloat(data.getShort(at));
            case UINT64 -> unsignedToDouble(data.getLong(at));
            default -> rawLong(storageIndex(index));
        };
    }

    private static double unsignedToDouble(long bits) {
        return bits >= 0 ? bits : ((bits >>> 1) | (bits & 1)) * 2.0;
    }

    private long rawLong(long storage) {
        long at = storage * dtype().size();
        return switch (dtype()) {
            case BOOL, UINT8 -> data.getByte(at) & 0xFFL;
            case INT8 -> data.getByte(at);
            case UINT16 -> data.getShort(at) & 0xFFFFL;
            case INT16 -> data.getShort(at);
            case UINT32 -> data.getInt(at) & 0xFFFFFFFFL;
            case INT32 -> data.getInt(at);
            case UINT64, INT64 -> data.getLong(at);
            default -> throw new IllegalStateException("dtype " + dtype().descriptor()
                    + " holds floating-point values; read them with getDouble or asDoubleArray");
        };
    }

    /** Maps a C-order flat index to the position of that element in storage. */
    private long storageIndex(long index) {
        long count = elementCount();
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("index " + index + " outside [0, " + count + ")");
        }
        long[] shape = header.shape();
        if (!isFortranOrder() || shape.length < 2) {
            return index;
        }
        long storage = 0;
        long stride = 1;
        long rest = index;
        long[] coords = new long[shape.length];
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            coords[axis] = rest % shape[axis];
            rest /= shape[axis];
        }
        for (int axis = 0; axis < shape.length; axis++) {
            storage += coords[axis] * stride;
            stride *= shape[axis];
        }
        return storage;
    }

    private boolean contiguousC() {
        return !isFortranOrder() || ndim() < 2;
    }

    private int javaLength() {
        long count = elementCount();
        if (count > MAX_JAVA_ARRAY) {
            throw new IllegalStateException(count + " elements do not fit a Java array; use the element accessors or data()");
        }
        return (int) count;
    }

    // ---- bulk conversion to Java arrays (C order) ----

    /** All elements as longs; integer types only. */
    public long[] asLongArray() {
        int n = javaLength();
        long[] out = new long[n];
        if (contiguousC() && (dtype() == DType.INT64 || dtype() == DType.UINT64)) {
            data.getLongs(0, out, 0, n);
            return out;
        }
        if (contiguousC() && dtype() == DType.INT32) {
            int[] ints = asIntArray();
            for (int i = 0; i < n; i++) {
                out[i] = ints[i];
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /** All elements as ints; integer types only, and every value must fit an int. */
    public int[] asIntArray() {
        int n = javaLength();
        int[] out = new int[n];
        if (contiguousC() && dtype() == DType.INT32) {
            data.getInts(0, out, 0, n);
            return out;
        }
        if (contiguousC() && dtype() == DType.UINT16) {
            short[] shorts = new short[n];
            data.getShorts(0, shorts, 0, n);
            for (int i = 0; i < n; i++) {
                out[i] = shorts[i] & 0xFFFF;
            }
            return out;
        }
        if (contiguousC() && dtype() == DType.UINT32) {
            data.getInts(0, out, 0, n);
            for (int i = 0; i < n; i++) {
                if (out[i] < 0) {
                    throw new ArithmeticException("element " + i + " = " + Integer.toUnsignedString(out[i])
                            + " of <u4 does not fit an int; use asUnsignedIntArray or asLongArray");
                }
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = getInt(i);
        }
        return out;
    }

    /** The raw 32 bits of each element of a 4-byte integer type; read unsigned values with {@link Integer#toUnsignedLong}. */
    public int[] asUnsignedIntArray() {
        if (dtype() != DType.UINT32 && dtype() != DType.INT32) {
            throw new IllegalStateException("asUnsignedIntArray needs <u4 or <i4, the array holds " + dtype().descriptor());
        }
        int n = javaLength();
        int[] out = new int[n];
        if (contiguousC()) {
            data.getInts(0, out, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (int) getLong(i);
            }
        }
        return out;
    }

    /** The raw 16 bits of each element of a 2-byte integer type, or 1-byte types widened. */
    public short[] asShortArray() {
        int n = javaLength();
        short[] out = new short[n];
        switch (dtype()) {
            case UINT16, INT16 -> {
                if (contiguousC()) {
                    data.getShorts(0, out, 0, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        out[i] = (short) getLong(i);
                    }
                }
            }
            case BOOL, UINT8, INT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (short) getLong(i);
                }
            }
            default -> throw new IllegalStateException("asShortArray needs a 1- or 2-byte integer type, the array holds "
                    + dtype().descriptor());
        }
        return out;
    }

    /** The raw bytes of each element of a 1-byte type. */
    public byte[] asByteArray() {
        if (dtype().size() != 1) {
            throw new IllegalStateException("asByteArray needs a 1-byte type, the array holds " + dtype().descriptor());
        }
        int n = javaLength();
        byte[] out = new byte[n];
        if (contiguousC()) {
            data.getBytes(0, out, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (byte) getLong(i);
            }
        }
        return out;
    }

    public boolean[] asBooleanArray() {
        if (dtype() != DType.BOOL) {
            throw new IllegalStateException("asBooleanArray needs |b1, the array holds " + dtype().descriptor());
        }
        byte[] bytes = asByteArray();
        boolean[] out = new boolean[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[i] != 0;
        }
        return out;
    }

    /** All elements as doubles, whatever the type. */
    public double[] asDoubleArray() {
        int n = javaLength();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** All elements as floats, whatever the type (64-bit values are rounded). */
    public float[] asFloatArray() {
        int n = javaLength();
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) getDouble(i);
        }
        return out;
    }

    /** Whether both arrays have the same type, shape, order, byte order and element bytes. */
    public boolean contentEquals(NpyArray other) {
        return header.equals(other.header) && data.contentEquals(other.data);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype().descriptor(header.byteOrder()) + ", shape=" + Arrays.toString(header.shape())
                + (isFortranOrder() ? ", fortran" : "") + "]";
    }
}
