package io.timelapse.plugin.pythia.random;

import io.timelapse.lib.random.BoundedIntegers;
import io.timelapse.lib.random.RandomBits;
import java.util.function.LongConsumer;

/**
 * NumPy's legacy {@code numpy.random.RandomState} over MT19937, bit for bit: integer seeding
 * (init_genrand), raw 32-bit draws, doubles from two draws, bounded integers by masked rejection,
 * and {@code shuffle}/{@code permutation} with the same number of draws. Not thread-safe; the
 * stream is strictly sequential.
 */
public final class LegacyRandomState implements RandomBits {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908B0DF;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7FFFFFFF;
    private static final int PROGRESS_BLOCK = 1 << 20;

    private final int[] key = new int[N];
    private int pos;

    /** {@code RandomState(seed)} for an integer seed in [0, 2^32). */
    public LegacyRandomState(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 2**32 - 1, got " + seed);
        }
        key[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = key[i - 1];
            key[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        pos = N;
    }

    /** A copy of the 624-word state key, as {@code get_state()[1]} returns it. */
    public int[] stateKey() {
        return key.clone();
    }

    /** The position in the key, {@code get_state()[2]}. */
    public int position() {
        return pos;
    }

    private void regenerate() {
        int k = 0;
        for (; k < N - M; k++) {
            int y = (key[k] & UPPER_MASK) | (key[k + 1] & LOWER_MASK);
            key[k] = key[k + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; k < N - 1; k++) {
            int y = (key[k] & UPPER_MASK) | (key[k + 1] & LOWER_MASK);
            key[k] = key[k + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
        key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /** The next raw tempered 32-bit output, as an int holding the unsigned bits. */
    @Override
    public int nextInt32() {
        if (pos == N) {
            regenerate();
        }
        int y = key[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9D2C5680;
        y ^= (y << 15) & 0xEFC60000;
        y ^= y >>> 18;
        return y;
    }

    /** The next raw 32-bit output as an unsigned value. */
    public long nextUnsignedInt32() {
        return Integer.toUnsignedLong(nextInt32());
    }

    /** Two 32-bit draws, the first in the high half. */
    @Override
    public long nextInt64() {
        long high = nextUnsignedInt32();
        return (high << 32) | nextUnsignedInt32();
    }

    /** {@code random_sample()}: a double in [0, 1) with 53 random bits. */
    public double nextDouble() {
        long a = nextUnsignedInt32() >>> 5;
        long b = nextUnsignedInt32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** A value uniform in [0, max] by masked rejection, as NumPy's {@code random_interval}. */
    public long randomInterval(long max) {
        return BoundedIntegers.interval(this, max);
    }

    /**
     * Legacy {@code randint(low, high)} with dtype int64 (the default) or int32: one value in
     * [low, high). Ranges of 2^32 − 1 or more draw 64 bits per attempt.
     */
    public long randint(long low, long high) {
        if (high <= low) {
            throw new IllegalArgumentException("low >= high: " + low + " >= " + high);
        }
        long range = high - 1 - low;
        return low + randomInterval(range);
    }

    /** {@code shuffle(x)} on a 1-D array: Fisher–Yates from the end, one masked draw per element. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = BoundedIntegers.interval(this, i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /**
     * {@link #shuffle(int[])} that reports the swaps done to {@code swapsDone} every
     * {@value #PROGRESS_BLOCK} swaps, for arrays that take seconds to shuffle.
     */
    public void shuffle(int[] values, LongConsumer swapsDone) {
        int i = values.length - 1;
        while (i > 0) {
            int stop = Math.max(0, i - PROGRESS_BLOCK);
            int from = i;
            for (; i > stop; i--) {
                int j = BoundedIntegers.interval(this, i);
                int t = values[i];
                values[i] = values[j];
                values[j] = t;
            }
            swapsDone.accept(from - i);
        }
    }

    public void shuffle(long[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = BoundedIntegers.interval(this, i);
            long t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** {@code permutation(n)}: a shuffled {@code arange(n)}. */
    public long[] permutation(int n) {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        shuffle(values);
        return values;
    }
}
