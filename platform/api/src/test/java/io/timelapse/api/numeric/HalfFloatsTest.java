package io.timelapse.api.numeric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The conversions against values computed by NumPy 2.4 (binary16) and ml_dtypes 0.6 (bfloat16):
 * {@code half_float_references.py} in this package's test resources prints the arrays below.
 */
class HalfFloatsTest {

    // Each float's role (ties, overflow, subnormals, NaN payloads) is commented in the script.
    private static final int[] FLOATS = {0x00000000, 0x80000000, 0x3F800000, 0xBF800000, 0x3F801000, 0x3F803000,
        0x3F801001, 0x3F800FFF, 0x477FE000, 0x477FEFFF, 0x477FF000, 0x47800000, 0x38800000, 0x387FC000, 0x33800000,
        0x33000000, 0x33000001, 0x33C00000, 0x34200000, 0xB3C00000, 0x387FE000, 0x00000001, 0x7F7FFFFF, 0x7F800000,
        0xFF800000, 0x7FC00000, 0xFFC00000, 0x7F800001, 0x7FA00000, 0xFFC02000, 0x7FFFFFFF, 0x3F808000, 0x3F818000,
        0x7F7F8000, 0x00008000, 0x00018000, 0x40490FDB};
    private static final int[] TO_F16 = {0x0000, 0x8000, 0x3C00, 0xBC00, 0x3C00, 0x3C02, 0x3C01, 0x3C00, 0x7BFF,
        0x7BFF, 0x7C00, 0x7C00, 0x0400, 0x03FF, 0x0001, 0x0000, 0x0001, 0x0002, 0x0002, 0x8002, 0x0400, 0x0000, 0x7C00,
        0x7C00, 0xFC00, 0x7E00, 0xFE00, 0x7C01, 0x7D00, 0xFE01, 0x7FFF, 0x3C04, 0x3C0C, 0x7C00, 0x0000, 0x0000, 0x4248};
    private static final int[] TO_BF16 = {0x0000, 0x8000, 0x3F80, 0xBF80, 0x3F80, 0x3F80, 0x3F80, 0x3F80, 0x4780,
        0x4780, 0x4780, 0x4780, 0x3880, 0x3880, 0x3380, 0x3300, 0x3300, 0x33C0, 0x3420, 0xB3C0, 0x3880, 0x0000, 0x7F80,
        0x7F80, 0xFF80, 0x7FC0, 0xFFC0, 0x7FC0, 0x7FC0, 0xFFC0, 0x7FC0, 0x3F80, 0x3F82, 0x7F80, 0x0000, 0x0002, 0x4049};
    private static final int[] HALVES = {0x0000, 0x8000, 0x0001, 0x8001, 0x03FF, 0x0400, 0x3C00, 0x3555, 0x7BFF,
        0xFBFF, 0x7C00, 0xFC00, 0x7C01, 0x7E00, 0xFD55, 0x7FFF};
    private static final int[] F16_TO_FLOAT = {0x00000000, 0x80000000, 0x33800000, 0xB3800000, 0x387FC000, 0x38800000,
        0x3F800000, 0x3EAAA000, 0x477FE000, 0xC77FE000, 0x7F800000, 0xFF800000, 0x7F802000, 0x7FC00000, 0xFFAAA000,
        0x7FFFE000};
    private static final int[] BFLOAT_HALVES = {0x0000, 0x8000, 0x0001, 0x3F80, 0x4049, 0x7F7F, 0x7F80, 0xFF80, 0x7FC0,
        0x7F81, 0xFFC1};
    private static final int[] BF16_TO_FLOAT = {0x00000000, 0x80000000, 0x00010000, 0x3F800000, 0x40490000, 0x7F7F0000,
        0x7F800000, 0xFF800000, 0x7FC00000, 0x7F810000, 0xFFC10000};

    @Test
    void narrowsAsNumpyAndMlDtypesDo() {
        for (int i = 0; i < FLOATS.length; i++) {
            float value = Float.intBitsToFloat(FLOATS[i]);
            String what = String.format("0x%08X", FLOATS[i]);
            assertEquals(hex(TO_F16[i]), hex(HalfFloats.floatToF16(value)), what + " to binary16");
            assertEquals(hex(TO_BF16[i]), hex(HalfFloats.floatToBf16(value)), what + " to bfloat16");
        }
    }

    @Test
    void widensAsNumpyAndMlDtypesDo() {
        for (int i = 0; i < HALVES.length; i++) {
            int bits = Float.floatToRawIntBits(HalfFloats.f16ToFloat((short) HALVES[i]));
            assertEquals(hex(F16_TO_FLOAT[i]), hex(bits), hex(HALVES[i]) + " from binary16");
        }
        for (int i = 0; i < BFLOAT_HALVES.length; i++) {
            int bits = Float.floatToRawIntBits(HalfFloats.bf16ToFloat((short) BFLOAT_HALVES[i]));
            assertEquals(hex(BF16_TO_FLOAT[i]), hex(bits), hex(BFLOAT_HALVES[i]) + " from bfloat16");
        }
    }

    @Test
    void everyHalfSurvivesTheRoundTripNaNPayloadsIncluded() {
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            short half = (short) bits;
            assertEquals(bits, HalfFloats.floatToF16(HalfFloats.f16ToFloat(half)) & 0xFFFF, "binary16 round trip");
            float bfloat = HalfFloats.bf16ToFloat(half);
            if (!Float.isNaN(bfloat)) {
                assertEquals(bits, HalfFloats.floatToBf16(bfloat) & 0xFFFF, "bfloat16 round trip");
            }
        }
    }

    /** Over a spread of every float bit pattern: the nearest half, and the even one on a tie. */
    @Test
    void narrowingPicksTheNearestHalfAndTheEvenOneOnATie() {
        for (long pattern = 0; pattern <= 0xFFFFFFFFL; pattern += 4099) {
            float value = Float.intBitsToFloat((int) pattern);
            if (Float.isFinite(value)) {
                assertNearest(value, HalfFloats.floatToF16(value), true);
                assertNearest(value, HalfFloats.floatToBf16(value), false);
            }
        }
    }

    private static void assertNearest(float value, short result, boolean f16) {
        Supplier<String> what = () -> value + " became " + hex(result) + (f16 ? " (binary16)" : " (bfloat16)");
        // The overflow threshold: halfway between the largest finite value and the next power of two.
        float overflow = Float.intBitsToFloat(f16 ? 0x477FF000 : 0x7F7F8000);
        double chosen = widen(result, f16);
        assertEquals(Math.abs(value) >= overflow, Double.isInfinite(chosen), what);
        if (Double.isInfinite(chosen)) {
            return;
        }
        double error = Math.abs(chosen - value);
        for (int step : new int[] {-1, 1}) {
            // Neighbouring bit patterns of one sign are neighbouring magnitudes.
            short other = (short) (result + step);
            double alternative = widen(other, f16);
            if (!Double.isFinite(alternative)) {
                continue;
            }
            double otherError = Math.abs(alternative - value);
            assertTrue(error <= otherError, () -> what.get() + ", but " + hex(other) + " is nearer");
            if (error == otherError) {
                assertEquals(0, result & 1, () -> what.get() + ": a tie goes to the even neighbour " + hex(other));
            }
        }
    }

    private static double widen(short bits, boolean f16) {
        return f16 ? HalfFloats.f16ToFloat(bits) : HalfFloats.bf16ToFloat(bits);
    }

    private static String hex(int bits) {
        return String.format("0x%04X", bits & 0xFFFF);
    }

    private static String hex(short bits) {
        return hex((int) bits);
    }
}
