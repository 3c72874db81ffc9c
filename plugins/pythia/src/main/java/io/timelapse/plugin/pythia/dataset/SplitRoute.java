package io.timelapse.plugin.pythia.dataset;

import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.plugin.pythia.indexmap.IndexMaps;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import java.io.IOException;
import java.util.Arrays;

/**
 * gpt-neox's {@code --data-path} route: one corpus cut into contiguous train/valid/test document
 * ranges by a split string such as {@code 969,30,1}. No 1.005 factor, no blending; each split has
 * its own {@code RandomState(seed)} and is named {@code train}, {@code valid} or {@code test}.
 */
public final class SplitRoute {

    private SplitRoute() {}

    /** The four document bounds for a split string over {@code size} documents. */
    public static long[] bounds(String splitString, long size) {
        String[] parts = splitString.contains(",") ? splitString.split(",", -1)
                : splitString.contains("/") ? splitString.split("/", -1) : new String[] {splitString};
        double[] splits = new double[3];
        for (int i = 0; i < Math.min(3, parts.length); i++) {
            try {
                splits[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                splits[i] = Double.NaN;
            }
            if (!Double.isFinite(splits[i]) || splits[i] < 0) {
                throw new IllegalArgumentException("'" + parts[i].strip() + "' is not a finite number ≥ 0");
            }
        }
        double sum = splits[0] + splits[1] + splits[2];
        if (!(sum > 0.0)) {
            throw new IllegalArgumentException("the sizes must not all be 0");
        }
        long[] bounds = new long[4];
        for (int i = 0; i < 3; i++) {
            double fraction = splits[i] / sum;
            bounds[i + 1] = bounds[i] + (long) Math.rint(fraction * (double) size);
        }
        long diff = bounds[3] - size;
        for (int i = 1; i < 4; i++) {
            bounds[i] -= diff;
        }
        return bounds;
    }

    /** The dataset of one split, or an error if the split string gives it no documents. */
    public static GptDataset open(MMapIndexedDataset data, String splitString, Split split, long numSamples, int seqLength, long seed,
            IndexMapStore store) throws IOException {
        long[] bounds = bounds(splitString, data.itemCount());
        int i = split.ordinal();
        if (bounds[i + 1] <= bounds[i]) {
            throw new IllegalArgumentException("split '" + splitString + "' gives the " + split.label() + " dataset no documents (bounds "
                    + Arrays.toString(bounds) + ")");
        }
        int[] sizes = data.index().sizes();
        IndexMaps maps = store.obtain(data.prefix(), split.label(), sizes, (int) bounds[i], (int) (bounds[i + 1] - bounds[i]), numSamples,
                seqLength, seed);
        return new GptDataset(split.label(), data, maps, seqLength);
    }
}
