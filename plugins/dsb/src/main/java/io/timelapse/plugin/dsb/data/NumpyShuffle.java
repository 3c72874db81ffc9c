package io.timelapse.plugin.dsb.data;

import io.timelapse.lib.random.BoundedIntegers;

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
            int j = BoundedIntegers.interval(bits, i);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }
}
