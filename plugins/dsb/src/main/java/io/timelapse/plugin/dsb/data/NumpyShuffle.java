package io.timelapse.plugin.dsb.data;

/**
 * {@code numpy.random.Generator.permutation} and the bounded draws it uses, on a {@link Pcg64}: a Fisher–Yates
 * shuffle from the end, each index drawn by masked rejection ({@code random_interval}).
 */
public final class NumpyShuffle {

    private final Pcg64 bits;

    public NumpyShuffle(Pcg64 bits) {
        this.bits = bits;
    }

    /** {@code numpy.random.default_rng(seed).permutation(n)}. */
    public static int[] permutation(long seed, int n) {
        return new NumpyShuffle(new Pcg64(seed)).permutation(n);
    }

    public int[] permutation(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = (int) interval(i);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }

    /** A uniform integer in [0, max]: masked draws, rejected until within range; 32-bit draws when max fits. */
    public long interval(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        long value;
        if (max <= 0xffffffffL) {
            do {
                value = Integer.toUnsignedLong(bits.nextInt()) & mask;
            } while (value > max);
        } else {
            do {
                value = bits.nextLong() & mask;
            } while (Long.compareUnsigned(value, max) > 0);
        }
        return value;
    }
}
