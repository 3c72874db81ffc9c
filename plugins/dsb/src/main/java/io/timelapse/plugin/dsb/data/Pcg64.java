package io.timelapse.plugin.dsb.data;

import io.timelapse.lib.random.RandomBits;

/**
 * numpy's PCG64 bit generator: a 128-bit linear congruential generator with the XSL-RR output, seeded as numpy seeds
 * it from a {@link SeedSequence}. 32-bit draws use the two halves of one 64-bit output, the low half first.
 */
public final class Pcg64 implements RandomBits {

    private static final long MULT_HI = 2549297995355413924L;
    private static final long MULT_LO = 4865540595714422341L;

    private long stateHi;
    private long stateLo;
    private final long incHi;
    private final long incLo;
    private boolean hasHalf;
    private int half;

    /** The generator of {@code numpy.random.PCG64(seed)}. */
    public Pcg64(long seed) {
        long[] words = new SeedSequence(seed).generateState64(4);
        // pcg_setseq_128_srandom: inc = (initseq << 1) | 1; step; state += initstate; step.
        incHi = (words[2] << 1) | (words[3] >>> 63);
        incLo = (words[3] << 1) | 1L;
        step();
        long lo = stateLo + words[1];
        stateHi += words[0] + (Long.compareUnsigned(lo, stateLo) < 0 ? 1 : 0);
        stateLo = lo;
        step();
    }

    /** The 128-bit state as {high, low}. */
    long[] state() {
        return new long[] {stateHi, stateLo};
    }

    /** The 128-bit increment as {high, low}. */
    long[] increment() {
        return new long[] {incHi, incLo};
    }

    @Override
    public long nextInt64() {
        step();
        int rotation = (int) (stateHi >>> 58);
        return Long.rotateRight(stateHi ^ stateLo, rotation);
    }

    @Override
    public int nextInt32() {
        if (hasHalf) {
            hasHalf = false;
            return half;
        }
        long next = nextInt64();
        hasHalf = true;
        half = (int) (next >>> 32);
        return (int) next;
    }

    private void step() {
        long lo = stateLo * MULT_LO;
        long hi = unsignedMultiplyHigh(stateLo, MULT_LO) + stateLo * MULT_HI + stateHi * MULT_LO;
        long sumLo = lo + incLo;
        stateHi = hi + incHi + (Long.compareUnsigned(sumLo, lo) < 0 ? 1 : 0);
        stateLo = sumLo;
    }

    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }
}
