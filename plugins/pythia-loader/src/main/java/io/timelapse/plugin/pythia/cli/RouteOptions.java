package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.run.Run;
import io.timelapse.plugin.pythia.dataset.BlendRoute;
import io.timelapse.plugin.pythia.dataset.SampleDataset;
import io.timelapse.plugin.pythia.dataset.Split;
import io.timelapse.plugin.pythia.dataset.SplitRoute;
import io.timelapse.plugin.pythia.dataset.TrainingSchedule;
import io.timelapse.plugin.pythia.indexmap.BuildProgress;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.plugin.pythia.mmap.MMapIndexedDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;

/** gpt-neox's data arguments: the split route ({@code --data-path}) or the blend route ({@code --train-data-paths}). */
final class RouteOptions {

    /** gpt-neox's default seed; Pythia's configs set none, so they use it. */
    static final long DEFAULT_SEED = 1234;

    @Option(names = "--data-path", paramLabel = "PREFIX", description = "Split route: one corpus cut by --split.")
    Path dataPath;

    @Option(names = "--split", defaultValue = "969, 30, 1", description = "Split route: train, valid, test weights (default: ${DEFAULT-VALUE}).")
    String splitString;

    @Option(names = "--train-data-paths", arity = "1..*", paramLabel = "PREFIX", description = "Blend route (what Pythia used).")
    List<Path> trainDataPaths = new ArrayList<>();

    @Option(names = "--train-data-weights", arity = "1..*", paramLabel = "W")
    List<Double> trainDataWeights = new ArrayList<>();

    @Option(names = "--valid-data-paths", arity = "1..*", paramLabel = "PREFIX")
    List<Path> validDataPaths = new ArrayList<>();

    @Option(names = "--valid-data-weights", arity = "1..*", paramLabel = "W")
    List<Double> validDataWeights = new ArrayList<>();

    @Option(names = "--test-data-paths", arity = "1..*", paramLabel = "PREFIX")
    List<Path> testDataPaths = new ArrayList<>();

    @Option(names = "--test-data-weights", arity = "1..*", paramLabel = "W")
    List<Double> testDataWeights = new ArrayList<>();

    @Option(names = "--train-iters", defaultValue = "143000", description = "Default: ${DEFAULT-VALUE} (Pythia).")
    long trainIters;

    @Option(names = {"--global-batch-size", "--train-batch-size"}, defaultValue = "1024", description = "Default: ${DEFAULT-VALUE} (Pythia).")
    long globalBatchSize;

    @Option(names = "--eval-interval", defaultValue = "143000", description = "Default: ${DEFAULT-VALUE} (Pythia).")
    long evalInterval;

    @Option(names = "--eval-iters", defaultValue = "10", description = "Default: ${DEFAULT-VALUE} (Pythia).")
    long evalIters;

    @Option(names = "--seq-length", defaultValue = "2048", description = "Default: ${DEFAULT-VALUE} (Pythia).")
    int seqLength;

    @Option(names = "--index-cache", paramLabel = "DIR",
            description = "Load index maps from, or cache them in, DIR under gpt-neox's file names (default: build in memory).")
    Path indexCache;

    boolean given() {
        return dataPath != null || !trainDataPaths.isEmpty();
    }

    TrainingSchedule schedule() {
        return new TrainingSchedule(trainIters, globalBatchSize, evalInterval, evalIters);
    }

    /** The seed: {@code --seed} when given, else gpt-neox's default 1234. */
    static long seed(CommandSpec spec, long commonSeed) {
        return seedGiven(spec) ? commonSeed : DEFAULT_SEED;
    }

    static boolean seedGiven(CommandSpec spec) {
        return spec.commandLine().getParseResult().hasMatchedOption("--seed");
    }

    /** Records gpt-neox's default seed in the run when it replaced {@code --seed}'s default. */
    static void recordSeed(CommandSpec spec, Run run) {
        if (!seedGiven(spec)) {
            run.seed(DEFAULT_SEED);
        }
    }

    IndexMapStore store(Path overrideDirectory, BuildProgress progress) {
        Path dir = overrideDirectory != null ? overrideDirectory : indexCache;
        return (dir == null ? IndexMapStore.inMemory() : IndexMapStore.in(dir)).reporting(progress);
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

    /** Opens the dataset gpt-neox would build for {@code split}, caching index maps in {@code cacheDirectory} or --index-cache. */
    Opened open(CommandSpec spec, Split split, long seed, Path cacheDirectory, BuildProgress progress) throws IOException {
        IndexMapStore store = store(cacheDirectory, progress);
        List<MMapIndexedDataset> corpora = new ArrayList<>();
        SampleDataset dataset = open(spec, split, seed, store, corpora);
        return new Opened(dataset, List.copyOf(corpora), store.loadedFiles());
    }

    private SampleDataset open(CommandSpec spec, Split split, long seed, IndexMapStore store, List<MMapIndexedDataset> corpora)
            throws IOException {
        if (dataPath != null && !trainDataPaths.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give either --data-path or --train-data-paths, not both");
        }
        long samples = schedule().samples(split);
        if (dataPath != null) {
            MMapIndexedDataset corpus = MMapIndexedDataset.open(MMapIndexedDataset.prefixOf(dataPath));
            corpora.add(corpus);
            return SplitRoute.open(corpus, splitString, split, samples, seqLength, seed, store);
        }
        if (trainDataPaths.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give --data-path PREFIX or --train-data-paths PREFIX...");
        }
        List<Path> paths = switch (split) {
            case TRAIN -> trainDataPaths;
            case VALID -> validDataPaths.isEmpty() ? trainDataPaths : validDataPaths;
            case TEST -> testDataPaths.isEmpty() ? trainDataPaths : testDataPaths;
        };
        List<Double> weights = switch (split) {
            case TRAIN -> trainDataWeights;
            case VALID -> validDataPaths.isEmpty() ? trainDataWeights : validDataWeights;
            case TEST -> testDataPaths.isEmpty() ? trainDataWeights : testDataWeights;
        };
        double[] w = new double[paths.size()];
        if (weights.isEmpty()) {
            Arrays.fill(w, 1.0);
        } else if (weights.size() != paths.size()) {
            throw new ParameterException(spec.commandLine(), paths.size() + " " + split.label() + " data paths but " + weights.size()
                    + " weights");
        } else {
            for (int i = 0; i < w.length; i++) {
                w[i] = weights.get(i);
            }
        }
        for (Path path : paths) {
            corpora.add(MMapIndexedDataset.open(MMapIndexedDataset.prefixOf(path)));
        }
        return BlendRoute.open(corpora, w, split, samples, seqLength, seed, store);
    }
}
