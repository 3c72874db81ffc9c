package io.timelapse.platform.lm.cli;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Training rows cut from one stream of token ids: consecutive rows of {@code rowLength} ids (a remainder shorter than a
 * row is dropped), put in a seeded random order, the last {@code heldOut} of them held out, and the others repeated for
 * {@code epochs} epochs, each in its own random order. One generator, {@code SplittableRandom(seed)}, draws every order
 * by Fisher–Yates: first the hold-out order, then each epoch's.
 *
 * @param train {@code epochs × trainRows} rows, row-major
 * @param heldOut {@code heldOutRows} rows, row-major
 */
record CorpusRows(int[] train, int[] heldOut, int rowLength, int rowsPerEpoch, int heldOutRows, int epochs) {

    /** Rows of {@code rowLength} ids in {@code ids}. */
    static int rowCount(long ids, int rowLength) {
        return (int) Math.min(Integer.MAX_VALUE, ids / rowLength);
    }

    static CorpusRows cut(int[] ids, int rowLength, int heldOut, int epochs, long seed) {
        int rows = rowCount(ids.length, rowLength);
        if (heldOut >= rows) {
            throw new IllegalArgumentException(rows + " rows leave none to train on when " + heldOut + " are held out");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = shuffled(identity(rows), random);
        int trainRows = rows - heldOut;
        int[] held = new int[Math.multiplyExact(heldOut, rowLength)];
        for (int r = 0; r < heldOut; r++) {
            System.arraycopy(ids, order[trainRows + r] * rowLength, held, r * rowLength, rowLength);
        }
        int[] train = new int[Math.multiplyExact(Math.multiplyExact(trainRows, epochs), rowLength)];
        int[] epoch = Arrays.copyOf(order, trainRows);
        int at = 0;
        for (int e = 0; e < epochs; e++) {
            for (int row : shuffled(epoch, random)) {
                System.arraycopy(ids, row * rowLength, train, at, rowLength);
                at += rowLength;
            }
        }
        return new CorpusRows(train, held, rowLength, trainRows, heldOut, epochs);
    }

    private static int[] identity(int n) {
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = i;
        }
        return values;
    }

    /** Shuffles {@code values} in place and returns them. */
    private static int[] shuffled(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
        return values;
    }
}
