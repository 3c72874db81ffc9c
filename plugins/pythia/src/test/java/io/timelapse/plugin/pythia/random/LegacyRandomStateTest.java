package io.timelapse.plugin.pythia.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.pythia.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Every MT19937 fixture numpy 1.24 produced, for seeds 1234, 0 and 2^32 − 1. */
class LegacyRandomStateTest {

    private static NpyArray fixture(long seed, String what) {
        return Fixtures.npy("mt19937/seed" + seed + "_" + what + ".npy");
    }

    private static int permutationSize(long seed) {
        return seed == 1234 ? 1000 : 10;
    }

    @ParameterizedTest
    @ValueSource(longs = {1234, 0, 4294967295L})
    void stateAfterSeedingIsInitGenrand(long seed) {
        LegacyRandomState rng = new LegacyRandomState(seed);
        assertArrayEquals(fixture(seed, "state_key").asUnsignedIntArray(), rng.stateKey());
        assertEquals(624, rng.position());
    }

    @ParameterizedTest
    @ValueSource(longs = {1234, 0, 4294967295L})
    void rawDrawsMatch(long seed) {
        LegacyRandomState rng = new LegacyRandomState(seed);
        int[] expected = fixture(seed, "raw32_first1000").asUnsignedIntArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], rng.nextInt32(), "draw " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1234, 0, 4294967295L})
    void boundedIntegersAndDoublesMatch(long seed) {
        LegacyRandomState rng = new LegacyRandomState(seed);
        long[] expected = fixture(seed, "randint_0_1000_first20").asLongArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], rng.randint(0, 1000), "randint " + i);
        }
        rng = new LegacyRandomState(seed);
        double[] doubles = fixture(seed, "random_sample_first20").asDoubleArray();
        for (int i = 0; i < doubles.length; i++) {
            assertEquals(doubles[i], rng.nextDouble(), 0.0, "random_sample " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1234, 0, 4294967295L})
    void permutationMatchesAndConsumesExactlyNumpysDraws(long seed) {
        int n = permutationSize(seed);
        LegacyRandomState rng = new LegacyRandomState(seed);
        assertArrayEquals(fixture(seed, "permutation_" + n).asLongArray(), rng.permutation(n));
        int[] next = fixture(seed, "after_permutation_" + n + "_next5_raw32").asUnsignedIntArray();
        for (int i = 0; i < next.length; i++) {
            assertEquals(next[i], rng.nextInt32(), "draw " + i + " after the permutation");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1234, 0, 4294967295L})
    void shufflesInTheStyleOfShuffleIdxAndDocIdx(long seed) {
        int[] arange = new int[100_000];
        for (int i = 0; i < arange.length; i++) {
            arange[i] = i;
        }
        new LegacyRandomState(seed).shuffle(arange);
        assertArrayEquals(fixture(seed, "shuffle_arange100000_uint32").asUnsignedIntArray(), arange);

        int[] tiled = new int[21];
        for (int i = 0; i < tiled.length; i++) {
            tiled[i] = i % 7;
        }
        new LegacyRandomState(seed).shuffle(tiled);
        assertArrayEquals(fixture(seed, "shuffle_tile_arange7_x3_int32").asIntArray(), tiled);
    }

    @Test
    void knownFirstValuesAndSeedRange() {
        int[] key = new LegacyRandomState(1234).stateKey();
        assertEquals(1234, key[0]);
        assertEquals(3159640283L, Integer.toUnsignedLong(key[1]));
        assertEquals(4062961311L, Integer.toUnsignedLong(key[2]));
        assertEquals(822569775L, new LegacyRandomState(1234).nextUnsignedInt32());
        assertThrows(IllegalArgumentException.class, () -> new LegacyRandomState(-1));
        assertThrows(IllegalArgumentException.class, () -> new LegacyRandomState(1L << 32));
        LegacyRandomState rng = new LegacyRandomState(7);
        for (int i = 0; i < 1000; i++) {
            long v = rng.randint(-5, 1L << 40);
            assertEquals(true, v >= -5 && v < (1L << 40));
        }
    }
}
