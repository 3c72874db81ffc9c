package io.timelapse.plugin.dsb.data;

import java.util.Arrays;

/**
 * The paper's seeded validation subset: Hugging Face's {@code train_test_split(train_size=size, seed=seed)} on a
 * split of {@code n} images keeps {@code permutation[n - size : n]} of {@code default_rng(seed).permutation(n)}.
 */
public final class ValidationSplit {

    /** The paper's subset size. */
    public static final int PAPER_SIZE = 1024;

    private ValidationSplit() {}

    /** The paper's split: 1024 indices into the test set, seed 0. */
    public static int[] paper(int n) {
        return indices(n, PAPER_SIZE, 0);
    }

    public static int[] indices(int n, int size, long seed) {
        if (size < 1 || size > n) {
            throw new IllegalArgumentException("validation size " + size + " must be between 1 and " + n);
        }
        return Arrays.copyOfRange(NumpyShuffle.permutation(seed, n), n - size, n);
    }
}
