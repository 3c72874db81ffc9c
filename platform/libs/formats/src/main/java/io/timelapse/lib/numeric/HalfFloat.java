package io.timelapse.lib.numeric;

import io.timelapse.api.numeric.HalfFloats;

/**
 * IEEE 754 binary16 and bfloat16 conversions.
 *
 * @deprecated The one implementation is {@link HalfFloats} in the API, which the compute API uses
 *     too; this class delegates to it and goes in the next major version of this package.
 */
@Deprecated
public final class HalfFloat {

    private HalfFloat() {}

    /** @deprecated use {@link HalfFloats#f16ToFloat(short)} */
    @Deprecated
    public static float toFloat(short bits) {
        return HalfFloats.f16ToFloat(bits);
    }

    /** @deprecated use {@link HalfFloats#floatToF16(float)} */
    @Deprecated
    public static short fromFloat(float value) {
        return HalfFloats.floatToF16(value);
    }

    /** @deprecated use {@link HalfFloats#bf16ToFloat(short)} */
    @Deprecated
    public static float bf16ToFloat(short bits) {
        return HalfFloats.bf16ToFloat(bits);
    }
}
