package io.timelapse.lib.safetensors;

import io.timelapse.api.numeric.HalfFloats;

/** Widening of the reduced-precision float formats to {@code float}. */
final class ElementDecoding {

    private ElementDecoding() {}

    static float bf16(short bits) {
        return HalfFloats.bf16ToFloat(bits);
    }

    static float f16(short bits) {
        return HalfFloats.f16ToFloat(bits);
    }

    /** FP8 E5M2 is the upper byte of an IEEE half. */
    static float f8e5m2(byte bits) {
        return f16((short) ((bits & 0xFF) << 8));
    }

    /** FP8 E4M3 in its "fn" variant: bias 7, no infinities, S.1111.111 is NaN. */
    static float f8e4m3(byte bits) {
        int b = bits & 0xFF;
        float sign = (b & 0x80) != 0 ? -1f : 1f;
        int exponent = (b >>> 3) & 0xF;
        int mantissa = b & 0x7;
        if (exponent == 0xF && mantissa == 0x7) {
            return Float.NaN;
        }
        if (exponent == 0) {
            return sign * mantissa * 0x1p-9f;
        }
        return sign * (1 + mantissa / 8f) * (float) Math.scalb(1.0, exponent - 7);
    }
}
