package io.timelapse.lib.random;

/**
 * numpy's {@code random_interval}: a uniform integer in [0, max] by masked rejection, from 32-bit
 * draws when {@code max} fits in 32 bits and 64-bit draws otherwise. The legacy {@code RandomState}
 * and {@code Generator} shuffles both draw their indices this way.
 */
public final class BoundedIntegers {

    private BoundedIntegers() {}

    /** A uniform integer in [0, max], {@code max} read as unsigned. */
    public static long interval(RandomBits bits, long max) {
        if (max == 0) {
            return 0;
        }
        long mask = maskOf(max);
        long value;
        if (Long.compareUnsigned(max, 0xFFFFFFFFL) <= 0) {
            do {
                value = Integer.toUnsignedLong(bits.nextInt32()) & mask;
            } while (value > max);
        } else {
            do {
                value = bits.nextInt64() & mask;
            } while (Long.compareUnsigned(value, max) > 0);
        }
        return value;
    }

    /** The same for {@code 0 <= max < 2^31}, without widening to long (shuffles of large arrays). */
    public static int interval(RandomBits bits, int max) {
        if (max == 0) {
            return 0;
        }
        int mask = (int) maskOf(max);
        int value;
        do {
            value = bits.nextInt32() & mask;
        } while (value > max);
        return value;
    }

    /** The smallest all-ones bit mask that covers {@code max}. */
    private static long maskOf(long max) {
        return max == 0 ? 0 : -1L >>> Long.numberOfLeadingZeros(max);
    }
}
