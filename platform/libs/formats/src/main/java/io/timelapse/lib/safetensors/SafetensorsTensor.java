package io.timelapse.lib.safetensors;

import io.timelapse.lib.bytes.LargeByteBuffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One tensor of a safetensors file: its header entry and a read-only view of its little-endian,
 * row-major bytes. Views of a memory-mapped file are not copies; they stay valid after the file is
 * closed.
 */
public final class SafetensorsTensor {

    private final String source;
    private final TensorInfo info;
    private final LargeByteBuffer bytes;
    private final ByteBuffer buffer;

    SafetensorsTensor(String source, TensorInfo info, ByteBuffer buffer) {
        this.source = source;
        this.info = info;
        this.buffer = buffer.slice().order(ByteOrder.LITTLE_ENDIAN);
        this.bytes = LargeByteBuffer.wrap(this.buffer, ByteOrder.LITTLE_ENDIAN);
    }

    SafetensorsTensor(String source, TensorInfo info, LargeByteBuffer bytes) {
        this.source = source;
        this.info = info;
        this.bytes = bytes.withOrder(ByteOrder.LITTLE_ENDIAN);
        this.buffer = null;
    }

    public String name() {
        return info.name();
    }

    public TensorDType dtype() {
        return info.dtype();
    }

    public long[] shape() {
        return info.shape();
    }

    public long elementCount() {
        return info.elementCount();
    }

    public long byteLength() {
        return info.byteLength();
    }

    public TensorInfo info() {
        return info;
    }

    /** The file this tensor was read from. */
    public String source() {
        return source;
    }

    /** Whether {@link #data()} can return the bytes as one buffer (they fit in 2 GB). */
    public boolean fitsOneBuffer() {
        return buffer != null;
    }

    /** A read-only little-endian view of the bytes, without copying; tensors over 2 GB need {@link #largeData()}. */
    public ByteBuffer data() {
        if (buffer == null) {
            throw new IllegalStateException(source + ": tensor '" + name() + "' holds " + byteLength()
                    + " bytes, more than one ByteBuffer can address; use largeData()");
        }
        return buffer.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The bytes as a region of any length, little-endian, without copying. */
    public LargeByteBuffer largeData() {
        return bytes;
    }

    /** The elements of a floating-point tensor widened or narrowed to float. */
    public float[] toFloats() {
        float[] values = new float[elementsAsInt()];
        int n = values.length;
        switch (dtype()) {
            case F32: {
                int[] bits = new int[n];
                bytes.getInts(0, bits, 0, n);
                for (int i = 0; i < n; i++) {
                    values[i] = Float.intBitsToFloat(bits[i]);
                }
                break;
            }
            case F64: {
                long[] bits = new long[n];
                bytes.getLongs(0, bits, 0, n);
                for (int i = 0; i < n; i++) {
                    values[i] = (float) Double.longBitsToDouble(bits[i]);
                }
                break;
            }
            case F16:
            case BF16: {
                short[] bits = new short[n];
                bytes.getShorts(0, bits, 0, n);
                boolean brain = dtype() == TensorDType.BF16;
                for (int i = 0; i < n; i++) {
                    values[i] = brain ? ElementDecoding.bf16(bits[i]) : ElementDecoding.f16(bits[i]);
                }
                break;
            }
            case F8_E5M2:
            case F8_E4M3: {
                byte[] bits = new byte[n];
                bytes.getBytes(0, bits, 0, n);
                boolean e5m2 = dtype() == TensorDType.F8_E5M2;
                for (int i = 0; i < n; i++) {
                    values[i] = e5m2 ? ElementDecoding.f8e5m2(bits[i]) : ElementDecoding.f8e4m3(bits[i]);
                }
                break;
            }
            default:
                throw new IllegalStateException(source + ": tensor '" + name() + "' is " + dtype()
                        + ", not floating point; use toLongs() or toDoubles()");
        }
        return values;
    }

    /** The elements as doubles: floating types exactly, integer types by value (U64 above 2^63 as unsigned), BOOL as 0/1. */
    public double[] toDoubles() {
        double[] values = new double[elementsAsInt()];
        if (dtype() == TensorDType.F64) {
            long[] bits = new long[values.length];
            bytes.getLongs(0, bits, 0, bits.length);
            for (int i = 0; i < bits.length; i++) {
                values[i] = Double.longBitsToDouble(bits[i]);
            }
        } else if (dtype().isFloating()) {
            float[] floats = toFloats();
            for (int i = 0; i < floats.length; i++) {
                values[i] = floats[i];
            }
        } else {
            long[] longs = toLongs();
            boolean unsigned64 = dtype() == TensorDType.U64;
            for (int i = 0; i < longs.length; i++) {
                values[i] = unsigned64 && longs[i] < 0 ? Double.parseDouble(Long.toUnsignedString(longs[i])) : longs[i];
            }
        }
        return values;
    }

    /**
     * The elements of an integer or BOOL tensor as longs, sign- or zero-extended by type; U64 values
     * above 2^63 come back as their two's-complement bits.
     */
    public long[] toLongs() {
        long[] values = new long[elementsAsInt()];
        int n = values.length;
        switch (dtype()) {
            case BOOL:
            case U8:
            case I8: {
                byte[] raw = new byte[n];
                bytes.getBytes(0, raw, 0, n);
                for (int i = 0; i < n; i++) {
                    values[i] = dtype() == TensorDType.I8 ? raw[i] : dtype() == TensorDType.BOOL ? (raw[i] != 0 ? 1 : 0) : raw[i] & 0xFF;
                }
                break;
            }
            case I16:
            case U16: {
                short[] raw = new short[n];
                bytes.getShorts(0, raw, 0, n);
                for (int i = 0; i < n; i++) {
                    values[i] = dtype() == TensorDType.I16 ? raw[i] : raw[i] & 0xFFFF;
                }
                break;
            }
            case I32:
            case U32: {
                int[] raw = new int[n];
                bytes.getInts(0, raw, 0, n);
                for (int i = 0; i < n; i++) {
                    values[i] = dtype() == TensorDType.I32 ? raw[i] : raw[i] & 0xFFFFFFFFL;
                }
                break;
            }
            case I64:
            case U64:
                bytes.getLongs(0, values, 0, n);
                break;
            default:
                throw new IllegalStateException(source + ": tensor '" + name() + "' is " + dtype()
                        + ", not an integer type; use toFloats() or toDoubles()");
        }
        return values;
    }

    private int elementsAsInt() {
        long count = elementCount();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(source + ": tensor '" + name() + "' has " + count
                    + " elements, too many for a Java array; read it through largeData()");
        }
        return (int) count;
    }

    @Override
    public String toString() {
        return info.toString();
    }
}
