package io.timelapse.plugin.dsb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.plugin.dsb.Fixtures;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * numpy's seeded generator, bit for bit. The expected values were produced with numpy 2.4.6 (python3 on the
 * development machine): {@code SeedSequence(0).pool}, {@code .generate_state(4, np.uint64)},
 * {@code PCG64(0).state}, {@code PCG64(s).random_raw(k)} and {@code default_rng(s).permutation(n)}.
 */
class NumpyRandomTest {

    @Test
    void seedSequenceOfZeroMatchesNumpy() {
        SeedSequence seq = new SeedSequence(0);
        assertArrayEquals(new int[] {0xfe40eb07, 0x4f363a36, 0x4eb2009d, 0xc89a7aa7}, seq.pool());
        assertArrayEquals(new long[] {0xdb2cd7e7b0f478beL, 0xabf4641a2c71ba49L, 0x20c6ed6d9d7b8d41L,
            0x2c4099de223c39d4L}, seq.generateState64(4));
    }

    @Test
    void pcg64SeedingMatchesNumpy() {
        Pcg64 bits = new Pcg64(0);
        assertArrayEquals(new long[] {0x1aa1b5345996452dL, 0x09585eb7a69561e3L}, bits.state());
        assertArrayEquals(new long[] {0x418ddadb3af71a82L, 0x588133bc447873a9L}, bits.increment());
    }

    @Test
    void pcg64OutputsMatchNumpy() {
        Pcg64 bits = new Pcg64(0);
        long[] expected = {Long.parseUnsignedLong("11749869230777074271"), 4976686463289251617L, 755828109848996024L,
            304881062738325533L};
        for (long value : expected) {
            assertEquals(value, bits.nextInt64());
        }
        Pcg64 wide = new Pcg64(12345678901L);
        assertEquals(0xd60d201d16832fe2L, wide.nextInt64());
        assertEquals(0x51138456bd09eb1fL, wide.nextInt64());
    }

    @Test
    void permutationsMatchNumpy() {
        assertArrayEquals(new int[] {4, 6, 2, 7, 3, 5, 9, 0, 8, 1}, NumpyShuffle.permutation(0, 10));
        int[] large = NumpyShuffle.permutation(0, 10000);
        assertArrayEquals(new int[] {3577, 8925, 1634, 485, 4753}, Arrays.copyOf(large, 5));
        assertArrayEquals(new int[] {553, 4157, 148, 228, 402, 2792},
            Arrays.copyOf(NumpyShuffle.permutation(7, 5000), 6));
    }

    @Test
    void paperValidationSplitMatchesTheFixture() {
        long[] expected = Fixtures.longs("val_split_indices_seed0");
        int[] split = ValidationSplit.paper(10000);
        assertEquals(1024, split.length);
        assertArrayEquals(expected, Arrays.stream(split).asLongStream().toArray());
    }

    @Test
    void aSplitLargerThanTheSetIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ValidationSplit.indices(100, 101, 0));
        assertEquals("validation size 101 must be between 1 and 100", e.getMessage());
    }
}
