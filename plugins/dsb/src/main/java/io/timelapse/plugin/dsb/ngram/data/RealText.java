package io.timelapse.plugin.dsb.ngram.data;

import java.util.Arrays;

/**
 * Windows of real text on which a model's next-token distribution is compared with the n-gram conditionals: cut
 * without overlap from the last sequences of the data backwards (the rows a run trains on last, or never).
 */
public final class RealText {

    private RealText() {}

    /** How many windows of {@code width} tokens the data holds, counting no further than {@code wanted}. */
    public static long available(TokenSequences data, int width, long wanted) {
        long found = 0;
        for (long i = data.count() - 1; i >= 0 && found < wanted; i--) {
            found += data.length(i) / width;
        }
        return found;
    }

    /** {@code count × width} token ids, row-major. */
    public static int[] windows(TokenSequences data, int count, int width) {
        int[] out = new int[Math.multiplyExact(count, width)];
        int[] buffer = new int[data.maxLength()];
        int filled = 0;
        for (long i = data.count() - 1; i >= 0 && filled < count; i--) {
            int length = data.length(i);
            data.read(i, buffer);
            for (int from = 0; from + width <= length && filled < count; from += width) {
                System.arraycopy(buffer, from, out, filled++ * width, width);
            }
        }
        if (filled < count) {
            throw new IllegalArgumentException(data.describe() + " holds only " + filled + " windows of " + width + " tokens, " + count + " are needed");
        }
        return out;
    }
}
