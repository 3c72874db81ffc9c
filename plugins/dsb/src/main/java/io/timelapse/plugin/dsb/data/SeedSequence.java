package io.timelapse.plugin.dsb.data;

/**
 * numpy's {@code SeedSequence} for a non-negative integer seed and no spawn key: the seed's 32-bit words are hashed
 * into a pool of four words, which then yields state words. All arithmetic is on unsigned 32-bit values, kept in the
 * low bits of Java ints.
 */
public final class SeedSequence {

    private static final int POOL_SIZE = 4;
    private static final int INIT_A = 0x43b0d7e5;
    private static final int MULT_A = 0x931e8875;
    private static final int INIT_B = 0x8b51f9dd;
    private static final int MULT_B = 0x58f38ded;
    private static final int MIX_MULT_L = 0xca01f9dd;
    private static final int MIX_MULT_R = 0x4973f715;
    private static final int XSHIFT = 16;

    private final int[] pool = new int[POOL_SIZE];

    public SeedSequence(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("seed " + seed + ": a seed must be non-negative");
        }
        mix(entropyWords(seed));
    }

    /** The pool's four words, as numpy's {@code SeedSequence.pool} shows them. */
    public int[] pool() {
        return pool.clone();
    }

    /** numpy's {@code generate_state(words, uint64)}: pairs of 32-bit state words, the first one low. */
    public long[] generateState64(int words) {
        int[] state = generateState32(2 * words);
        long[] out = new long[words];
        for (int i = 0; i < words; i++) {
            out[i] = Integer.toUnsignedLong(state[2 * i]) | ((long) state[2 * i + 1] << 32);
        }
        return out;
    }

    private int[] generateState32(int words) {
        int hashConst = INIT_B;
        int[] state = new int[words];
        for (int i = 0; i < words; i++) {
            int value = pool[i % POOL_SIZE] ^ hashConst;
            hashConst *= MULT_B;
            value *= hashConst;
            state[i] = value ^ (value >>> XSHIFT);
        }
        return state;
    }

    /** The seed as little-endian 32-bit words; zero is the single word 0. */
    private static int[] entropyWords(long seed) {
        if (seed >>> 32 == 0) {
            return new int[] {(int) seed};
        }
        return new int[] {(int) seed, (int) (seed >>> 32)};
    }

    private void mix(int[] entropy) {
        int[] hashConst = {INIT_A};
        for (int i = 0; i < POOL_SIZE; i++) {
            pool[i] = hashmix(i < entropy.length ? entropy[i] : 0, hashConst);
        }
        for (int src = 0; src < POOL_SIZE; src++) {
            for (int dst = 0; dst < POOL_SIZE; dst++) {
                if (src != dst) {
                    pool[dst] = mix(pool[dst], hashmix(pool[src], hashConst));
                }
            }
        }
        for (int src = POOL_SIZE; src < entropy.length; src++) {
            for (int dst = 0; dst < POOL_SIZE; dst++) {
                pool[dst] = mix(pool[dst], hashmix(entropy[src], hashConst));
            }
        }
    }

    private static int hashmix(int value, int[] hashConst) {
        value ^= hashConst[0];
        hashConst[0] *= MULT_A;
        value *= hashConst[0];
        return value ^ (value >>> XSHIFT);
    }

    private static int mix(int x, int y) {
        int result = MIX_MULT_L * x - MIX_MULT_R * y;
        return result ^ (result >>> XSHIFT);
    }
}
