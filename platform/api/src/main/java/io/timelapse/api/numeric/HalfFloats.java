package io.timelapse.api.numeric;

/**
 * Conversions between {@code float} and the 16-bit float formats, IEEE binary16 ({@code f16}) and
 * bfloat16 ({@code bf16}), held as the raw bits in a {@code short}. Narrowing rounds to nearest,
 * ties to even; widening is exact. NaNs follow the libraries these formats are exchanged with:
 * binary16 as NumPy (the sign and the top 10 payload bits are kept, and a payload that would be
 * lost becomes 1 so the value stays a NaN), bfloat16 as ml_dtypes, Eigen and so TensorFlow (the
 * quiet NaN {@code 0x7FC0} with the sign).
 */
public final class HalfFloats {

    private HalfFloats() {}

    public static float f16ToFloat(short bits) {
        int half = bits & 0xFFFF;
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int mantissa = half & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    public static short floatToF16(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xFF;
        int mantissa = bits & 0x7FFFFF;
        if (exponent == 0xFF) {
            int payload = mantissa >>> 13;
            if (mantissa != 0 && payload == 0) {
                payload = 1;
            }
            return (short) (sign | 0x7C00 | payload);
        }
        int halfExponent = exponent - 112;
        if (halfExponent >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (halfExponent <= 0) {
            if (halfExponent < -10) {
                return (short) sign;
            }
            return (short) (sign | roundRightShift(mantissa | 0x800000, 14 - halfExponent));
        }
        // A carry out of the mantissa raises the exponent, up to infinity: still the right result.
        return (short) (sign | ((halfExponent << 10) + roundRightShift(mantissa, 13)));
    }

    public static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xFFFF) << 16);
    }

    public static short floatToBf16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) (((bits >>> 16) & 0x8000) | 0x7FC0);
        }
        return (short) ((bits >>> 16) + roundingCarry(bits, 16));
    }

    /** {@code value >>> shift}, rounded to nearest with ties to even. */
    private static int roundRightShift(int value, int shift) {
        return (value >>> shift) + roundingCarry(value, shift);
    }

    /** 1 when dropping the low {@code shift} bits of {@code value} must round its upper bits up. */
    private static int roundingCarry(int value, int shift) {
        int remainder = value & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        boolean odd = ((value >>> shift) & 1) != 0;
        return remainder > halfway || (remainder == halfway && odd) ? 1 : 0;
    }
}
