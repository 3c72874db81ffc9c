package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.run.Run;
import io.timelapse.plugin.pythia.dataset.BlendRoute;
import io.timelapse.plugin.pythia.dataset.SampleDataset;
import io.timelapse.plugin.pythia.dataset.Split;
import io.timelapse.plugin.pythia.dataset.SplitRoute;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.plugin.pythia.service.RouteRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A gpt-neox data route whose options {@link RouteOptions#resolve} checked: the opened corpora and all that fixes the index maps. */
final class Route {

    private final List<MMapIndexedDataset> corpora;
    private final String splitString;
    private final double[] weights;
    private final Split split;
    private final long samples;
    private final int seqLength;
    private final long seed;

    private Route(List<MMapIndexedDataset> corpora, String splitString, double[] weights, Split split, long samples, int seqLength,
            long seed) {
        this.corpora = List.copyOf(corpora);
        this.splitString = splitString;
        this.weights = weights;
        this.split = split;
        this.samples = samples;
        this.seqLength = seqLength;
        this.seed = seed;
    }

    /** The split route: one corpus cut by {@code splitString}. */
    static Route split(MMapIndexedDataset corpus, String splitString, Split split, long samples, int seqLength, long seed) {
        return new Route(List.of(corpus), splitString, null, split, samples, seqLength, seed);
    }

    /** The blend route: {@code corpora} blended by {@code weights}. */
    static Route blend(List<MMapIndexedDataset> corpora, double[] weights, Split split, long samples, int seqLength, long seed) {
        return new Route(corpora, null, weights.clone(), split, samples, seqLength, seed);
    }

    /** Builds the dataset gpt-neox would, loading or caching its index maps through {@code store}. */
    Opened open(IndexMapStore store) throws IOException {
        SampleDataset dataset = splitString != null
                ? SplitRoute.open(corpora.get(0), splitString, split, samples, seqLength, seed, store)
                : BlendRoute.open(corpora, weights, split, samples, seqLength, seed, store);
        return new Opened(dataset, corpora, store.loadedFiles());
    }

    /** A dataset opened through the route, with the files it was opened from. */
    record Opened(SampleDataset dataset, List<MMapIndexedDataset> corpora, List<Path> loadedIndexMaps) {

        /** Records what the run read: each corpus's {@code .idx}, its {@code .bin} when tokens were read, and loaded index maps. */
        void recordInputs(Run run, boolean tokensRead) throws IOException {
            for (MMapIndexedDataset corpus : corpora) {
                run.input(MMapIndexedDataset.idxPath(corpus.prefix()));
                if (tokensRead) {
                    run.input(MMapIndexedDataset.binPath(corpus.prefix()));
                }
            }
            for (Path file : loadedIndexMaps) {
                run.input(file);
            }
        }
    }

    /** The route as recorded beside pre-shuffled rows drawn from it. */
    RouteRecord record() {
        return new RouteRecord(corpora.stream().map(MMapIndexedDataset::prefix).toList(), splitString, splitString == null ? weights : null,
                samples, seqLength, seed);
    }
}
