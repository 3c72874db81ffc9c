package io.timelapse.plugin.pythia.dataset;

import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.plugin.pythia.indexmap.IndexMaps;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * gpt-neox's {@code --train-data-paths} route, the one Pythia used: each path is a dataset over
 * all its documents, named {@code train_i} (or {@code valid_i}, {@code test_i}), asked for
 * {@code ceil(total × w × 1.005)} samples, and the datasets are blended.
 */
public final class BlendRoute {

    private BlendRoute() {}

    /** Normalized weights (Python's sum) and per-dataset sample counts with the 1.005 margin. */
    public static long[] samplesPerDataset(double[] weights, long totalSamples) {
        double[] normalized = Weights.normalizeLikePython(weights);
        long[] counts = new long[weights.length];
        for (int i = 0; i < weights.length; i++) {
            counts[i] = (long) Math.ceil((double) totalSamples * normalized[i] * 1.005);
        }
        return counts;
    }

    public static double[] normalizedWeights(double[] weights) {
        return Weights.normalizeLikePython(weights);
    }

    public static BlendedDataset open(List<MMapIndexedDataset> data, double[] weights, Split split, long totalSamples, int seqLength,
            long seed, IndexMapStore store) throws IOException {
        if (data.size() != weights.length) {
            throw new IllegalArgumentException(data.size() + " data paths but " + weights.length + " weights");
        }
        long[] counts = samplesPerDataset(weights, totalSamples);
        List<GptDataset> datasets = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            MMapIndexedDataset corpus = data.get(i);
            int[] sizes = corpus.index().sizes();
            String name = split.label() + "_" + i;
            IndexMaps maps = store.obtain(corpus.prefix(), name, sizes, 0, sizes.length, counts[i], seqLength, seed);
            datasets.add(new GptDataset(name, corpus, maps, seqLength));
        }
        return new BlendedDataset(datasets, normalizedWeights(weights));
    }
}
