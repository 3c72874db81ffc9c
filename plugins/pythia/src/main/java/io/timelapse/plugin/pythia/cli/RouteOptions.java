package io.timelapse.plugin.pythia.cli;

import io.timelapse.plugin.pythia.dataset.Split;
import io.timelapse.plugin.pythia.dataset.SplitRoute;
import io.timelapse.plugin.pythia.dataset.TrainingSchedule;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** gpt-neox's data arguments: the split route ({@code --data-path}) or the blend route ({@code --train-data-paths}). */
final class RouteOptions {

    /** gpt-neox's default seed; Pythia's configs set none, so they use it. The commands that take a route default to it. */
    static final long DEFAULT_SEED = 1234;

    @Option(names = "--data-path", paramLabel = "PREFIX",
            description = "Split route: one corpus (PREFIX.idx and PREFIX.bin) whose documents --split cuts into train, valid and test.")
    Path dataPath;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "969, 30, 1",
            description = "Split route: the relative sizes of the train, valid and test document ranges, comma-separated (default:"
                    + " ${DEFAULT-VALUE}).")
    String splitString;

    @Option(names = "--train-data-paths", arity = "1..*", paramLabel = "PREFIX",
            description = "Blend route, the one Pythia used: the corpora blended into the training set.")
    List<Path> trainDataPaths = new ArrayList<>();

    @Option(names = "--train-data-weights", arity = "1..*", paramLabel = "W",
            description = "Blend route: one weight per --train-data-paths corpus (default: equal weights).")
    List<Double> trainDataWeights = new ArrayList<>();

    @Option(names = "--valid-data-paths", arity = "1..*", paramLabel = "PREFIX",
            description = "Blend route: the corpora of the validation set (default: the training corpora and weights).")
    List<Path> validDataPaths = new ArrayList<>();

    @Option(names = "--valid-data-weights", arity = "1..*", paramLabel = "W",
            description = "Blend route: one weight per --valid-data-paths corpus (default: equal weights).")
    List<Double> validDataWeights = new ArrayList<>();

    @Option(names = "--test-data-paths", arity = "1..*", paramLabel = "PREFIX",
            description = "Blend route: the corpora of the test set (default: the training corpora and weights).")
    List<Path> testDataPaths = new ArrayList<>();

    @Option(names = "--test-data-weights", arity = "1..*", paramLabel = "W",
            description = "Blend route: one weight per --test-data-paths corpus (default: equal weights).")
    List<Double> testDataWeights = new ArrayList<>();

    @Option(names = "--train-iters", paramLabel = "N", defaultValue = "143000",
            description = "Training iterations; with --global-batch-size they fix the number of training samples (default:"
                    + " ${DEFAULT-VALUE}, Pythia's).")
    long trainIters;

    @Option(names = {"--global-batch-size", "--train-batch-size"}, paramLabel = "N", defaultValue = "1024",
            description = "Samples per training step (default: ${DEFAULT-VALUE}, Pythia's).")
    long globalBatchSize;

    @Option(names = "--eval-interval", paramLabel = "N", defaultValue = "143000",
            description = "Iterations between evaluations, which fix the number of validation samples (default: ${DEFAULT-VALUE},"
                    + " Pythia's).")
    long evalInterval;

    @Option(names = "--eval-iters", paramLabel = "N", defaultValue = "10",
            description = "Iterations of each evaluation, which fix the number of validation and test samples (default: ${DEFAULT-VALUE}).")
    long evalIters;

    @Option(names = "--seq-length", paramLabel = "N", defaultValue = "2048",
            description = "Tokens per sample; each row holds N + 1, the inputs and the shifted target (default: ${DEFAULT-VALUE},"
                    + " Pythia's).")
    int seqLength;

    boolean given() {
        return dataPath != null || !trainDataPaths.isEmpty();
    }

    /**
     * Checks every route option for {@code split} and opens the corpora, so that a bad value is a usage error before any run
     * starts; the index maps are built later, by {@link Route#open}.
     */
    Route resolve(CommandSpec spec, Split split, long seed) throws IOException {
        CommandLine commandLine = spec.commandLine();
        if (dataPath != null && !trainDataPaths.isEmpty()) {
            throw new ParameterException(commandLine, "give either --data-path or --train-data-paths, not both");
        }
        if (!given()) {
            throw new ParameterException(commandLine, "give --data-path PREFIX or --train-data-paths PREFIX...");
        }
        NumpySeeds.check(spec, seed);
        if (seqLength < 1) {
            throw new ParameterException(commandLine, "--seq-length " + seqLength + ": must be at least 1");
        }
        long samples = samples(commandLine, split);
        if (dataPath != null) {
            refuseBlendOptions(commandLine);
            MMapIndexedDataset corpus = MMapIndexedDataset.open(MMapIndexedDataset.prefixOf(dataPath));
            checkSplit(commandLine, corpus, split);
            return Route.split(corpus, splitString, split, samples, seqLength, seed);
        }
        double[] train = weights(commandLine, "--train-data", trainDataPaths, trainDataWeights);
        double[] valid = weights(commandLine, "--valid-data", validDataPaths, validDataWeights);
        double[] test = weights(commandLine, "--test-data", testDataPaths, testDataWeights);
        // gpt-neox falls back to the training corpora and weights for a set without its own paths.
        List<Path> paths = trainDataPaths;
        double[] w = train;
        if (split == Split.VALID && !validDataPaths.isEmpty()) {
            paths = validDataPaths;
            w = valid;
        } else if (split == Split.TEST && !testDataPaths.isEmpty()) {
            paths = testDataPaths;
            w = test;
        }
        List<MMapIndexedDataset> corpora = new ArrayList<>();
        for (Path path : paths) {
            corpora.add(MMapIndexedDataset.open(MMapIndexedDataset.prefixOf(path)));
        }
        return Route.blend(corpora, w, split, samples, seqLength, seed);
    }

    /** gpt-neox's sample count for {@code split}, with each schedule option checked. */
    private long samples(CommandLine commandLine, Split split) {
        atLeast(commandLine, "--train-iters", trainIters, 0);
        atLeast(commandLine, "--global-batch-size", globalBatchSize, 1);
        atLeast(commandLine, "--eval-interval", evalInterval, 1);
        atLeast(commandLine, "--eval-iters", evalIters, 0);
        try {
            Math.multiplyExact(Math.multiplyExact(trainIters / evalInterval + 1, evalIters), globalBatchSize);
            Math.multiplyExact(trainIters, globalBatchSize);
        } catch (ArithmeticException overflow) {
            throw new ParameterException(commandLine, "--train-iters " + trainIters + ", --global-batch-size " + globalBatchSize
                    + ", --eval-iters " + evalIters + ": more samples than a 64-bit count holds");
        }
        return new TrainingSchedule(trainIters, globalBatchSize, evalInterval, evalIters).samples(split);
    }

    private static void atLeast(CommandLine commandLine, String option, long value, long minimum) {
        if (value < minimum) {
            throw new ParameterException(commandLine, option + " " + value + ": must be at least " + minimum);
        }
    }

    private void refuseBlendOptions(CommandLine commandLine) {
        List<String> given = new ArrayList<>();
        addIfGiven(given, "--train-data-weights", trainDataWeights);
        addIfGiven(given, "--valid-data-paths", validDataPaths);
        addIfGiven(given, "--valid-data-weights", validDataWeights);
        addIfGiven(given, "--test-data-paths", testDataPaths);
        addIfGiven(given, "--test-data-weights", testDataWeights);
        if (!given.isEmpty()) {
            throw new ParameterException(commandLine, String.join(", ", given) + ": blend-route options, which --data-path does not take");
        }
    }

    private static void addIfGiven(List<String> given, String option, List<?> values) {
        if (!values.isEmpty()) {
            given.add(option);
        }
    }

    /** The weights of one set's corpora ({@code --X-data-weights} for {@code --X-data-paths}), checked: equal when not given. */
    private static double[] weights(CommandLine commandLine, String set, List<Path> paths, List<Double> weights) {
        String option = set + "-weights";
        double[] w = new double[paths.size()];
        if (weights.isEmpty()) {
            Arrays.fill(w, 1.0);
            return w;
        }
        if (weights.size() != paths.size()) {
            throw new ParameterException(commandLine, option + " " + joined(weights) + ": " + weights.size() + " weights for the "
                    + paths.size() + " corpora of " + set + "-paths");
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = weights.get(i);
            if (!Double.isFinite(w[i]) || w[i] < 0) {
                throw new ParameterException(commandLine, option + " " + joined(weights) + ": weight " + weights.get(i)
                        + " is not a finite number ≥ 0");
            }
            sum += w[i];
        }
        if (!(sum > 0)) {
            throw new ParameterException(commandLine, option + " " + joined(weights) + ": the weights must not all be 0");
        }
        return w;
    }

    private static String joined(List<Double> weights) {
        return String.join(" ", weights.stream().map(String::valueOf).toList());
    }

    private void checkSplit(CommandLine commandLine, MMapIndexedDataset corpus, Split split) {
        long[] bounds;
        try {
            bounds = SplitRoute.bounds(splitString, corpus.itemCount());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(commandLine, "--split " + splitString + ": " + e.getMessage());
        }
        int i = split.ordinal();
        if (bounds[i + 1] <= bounds[i]) {
            throw new ParameterException(commandLine, "--split " + splitString + ": gives the " + split.label() + " dataset none of the "
                    + corpus.itemCount() + " documents of " + corpus.prefix());
        }
    }
}
