package io.timelapse.plugin.memorization.explain;

import java.util.SplittableRandom;

/**
 * The polynomial hash of a window of {@code length} tokens modulo the Mersenne prime p = 2^61 − 1, at a random
 * base: {@code h(t_0 … t_{L-1}) = Σ t_i · base^(L-1-i) mod p}. It rolls: sliding the window one token on costs two
 * modular products. Two different windows are two different polynomials of degree below L, which agree at no more
 * than L − 1 of the p possible bases, so they hash alike with probability at most (L − 1) / p over the base.
 */
final class WindowHash {

    static final long P = (1L << 61) - 1;

    private final int length;
    private final long base;
    /** base^length mod p, to take the token that leaves the window out. */
    private final long leaving;

    WindowHash(int length, long seed) {
        if (length < 1) {
            throw new IllegalArgumentException("window length must be ≥ 1, got " + length);
        }
        this.length = length;
        this.base = 256 + new SplittableRandom(seed).nextLong(P - 512);
        long power = 1;
        for (int i = 0; i < length; i++) {
            power = multiply(power, base);
        }
        this.leaving = power;
    }

    int length() {
        return length;
    }

    /** The hash of tokens {@code [from, from + length)}. */
    long of(int[] tokens, int from) {
        long h = 0;
        for (int i = from; i < from + length; i++) {
            h = reduce(multiply(h, base) + token(tokens[i]));
        }
        return h;
    }

    /** The hash of the window after {@code entering} joins a window of hash {@code h} and {@code leavingToken} leaves it. */
    long roll(long h, int entering, int leavingToken) {
        return reduce(multiply(h, base) + token(entering) + (P - multiply(token(leavingToken), leaving)));
    }

    /** The hash of the window after {@code entering} joins a window not yet full. */
    long grow(long h, int entering) {
        return reduce(multiply(h, base) + token(entering));
    }

    private static long token(int id) {
        return id & 0xFFFFFFFFL;
    }

    /** a · b mod p for a, b below p: the 122-bit product folded at bit 61, since 2^61 ≡ 1. */
    static long multiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return reduce((low & P) + ((low >>> 61) | (high << 3)));
    }

    /** x mod p for 0 ≤ x < 2^62 + p. */
    static long reduce(long x) {
        long r = (x & P) + (x >>> 61);
        return r >= P ? r - P : r;
    }
}
