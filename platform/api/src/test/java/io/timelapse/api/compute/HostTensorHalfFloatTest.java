package io.timelapse.api.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** F16 and BF16 host tensors: the bits they store and the values they give back (bits from NumPy and ml_dtypes). */
class HostTensorHalfFloatTest {

    // 1, -2, 1/3, 65504, 65520 (overflows), 2^-24, 2^-25 (a tie, to zero), NaN, -inf
    private static final double[] VALUES = {1, -2, 1.0 / 3, 65504, 65520, 0x1p-24, 0x1p-25, Double.NaN, Double.NEGATIVE_INFINITY};
    private static final short[] F16_BITS = {0x3C00, (short) 0xC000, 0x3555, 0x7BFF, 0x7C00, 0x0001, 0x0000, 0x7E00, (short) 0xFC00};
    private static final short[] BF16_BITS = {0x3F80, (short) 0xC000, 0x3EAB, 0x4780, 0x4780, 0x3380, 0x3300, 0x7FC0, (short) 0xFF80};

    @Test
    void fromDoublesStoresRoundedF16Bits() {
        HostTensor tensor = HostTensor.fromDoubles(DType.F16, Shape.of(3, 3), VALUES);
        assertArrayEquals(F16_BITS, shorts(tensor));
        assertEquals(Shape.of(3, 3), tensor.shape());
        assertEquals(18, tensor.buffer().remaining());
    }

    @Test
    void fromDoublesStoresRoundedBf16Bits() {
        assertArrayEquals(BF16_BITS, shorts(HostTensor.fromDoubles(DType.BF16, Shape.of(9), VALUES)));
    }

    @Test
    void f16ElementsReadBackAsTheirExactValues() {
        HostTensor tensor = HostTensor.wrap(DType.F16, Shape.of(9), bytes(F16_BITS));
        float[] expected = {1f, -2f, 0.333251953125f, 65504f, Float.POSITIVE_INFINITY, 0x1p-24f, 0f, Float.NaN, Float.NEGATIVE_INFINITY};
        assertArrayEquals(expected, tensor.toFloats());
        assertEquals(0.333251953125, tensor.get(2));
        assertArrayEquals(new double[] {1, -2}, Arrays.copyOf(tensor.toDoubles(), 2));
        assertTrue(Double.isNaN(tensor.get(7)));
    }

    @Test
    void bf16ElementsReadBackAsTheirExactValues() {
        HostTensor tensor = HostTensor.wrap(DType.BF16, Shape.of(9), bytes(BF16_BITS));
        float[] expected = {1f, -2f, 0.333984375f, 65536f, 65536f, 0x1p-24f, 0x1p-25f, Float.NaN, Float.NEGATIVE_INFINITY};
        assertArrayEquals(expected, tensor.toFloats());
        assertEquals(65536, tensor.get(3));
    }

    @Test
    void aHalfTensorCopiesItsBits() {
        HostTensor tensor = HostTensor.fromDoubles(DType.F16, Shape.of(9), VALUES);
        HostTensor copy = tensor.copy();
        tensor.close();
        assertArrayEquals(F16_BITS, shorts(copy));
        assertEquals(DType.F16, copy.dtype());
    }

    private static short[] shorts(HostTensor tensor) {
        short[] bits = new short[Math.toIntExact(tensor.size())];
        tensor.buffer().asShortBuffer().get(bits);
        return bits;
    }

    private static ByteBuffer bytes(short[] bits) {
        ByteBuffer buffer = ByteBuffer.allocate(bits.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asShortBuffer().put(bits);
        return buffer;
    }
}
