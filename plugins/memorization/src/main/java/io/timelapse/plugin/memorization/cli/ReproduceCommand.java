package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.data.TrainingData;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.memorization.reproduce.FortuneCorpus;
import io.timelapse.plugin.memorization.reproduce.ModelSize;
import io.timelapse.plugin.memorization.reproduce.Reproduction;
import io.timelapse.plugin.memorization.reproduce.ReproductionConfig;
import io.timelapse.plugin.memorization.reproduce.TrainingRows;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse memorization reproduce}: the paper's two prediction set-ups on a model family trained here. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = {"Reproduce the paper's two prediction set-ups at small scale: a family of small GPT-NeoX models trains on the same"
                + " rows; its checkpoints are scored; the report says how well smaller models and intermediate checkpoints predict what the"
                + " largest model memorizes. Rerun with the same --out to resume.",
                "With --data, in the paper's regime: one pass over pre-shuffled rows in training order (from timelapse pythia preprocess and"
                        + " preshuffle), checkpoints at the powers of two and at the seven fractions of training where the paper compares"
                        + " Pythia's, compared on the rows the earliest of those has seen.",
                "Without --data, on Debian's fortunes (apt-get install -y fortunes): tokenized with GPT-NeoX's tokenizer into rows with"
                        + " repeated documents, 12 epochs, 4 evenly spaced checkpoints, compared on the first epoch's rows."})
@DefaultSeed(ReproductionConfig.DEFAULT_SEED)
final class ReproduceCommand implements PluginCommand {

    private final ReproductionRunner runner;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--data", paramLabel = "PREFIX",
            description = "Token rows in training order: pre-shuffled rows (PREFIX.bin and PREFIX.idx, one row per item) read through the"
                    + " training-data service, or an .npy of rows; the paper's one-pass regime.")
    Path data;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Directory of fortune files (default: /usr/share/games/fortunes).")
    Path corpus;

    @Option(names = "--size", paramLabel = "NAME:LAYERS:HIDDEN:HEADS",
            description = "A model size, smallest first; repeat for each (default: xs:1:32:2, s:2:64:4, m:2:128:4; with --data xs:2:32:2,"
                    + " s:2:64:4, m:4:128:4).")
    List<String> sizes;

    @Option(names = "--documents", paramLabel = "N", description = "Use the first N fortunes of at least 350 characters, 0 for all (default: 250).")
    Integer documents;

    @Option(names = "--epochs", paramLabel = "E", description = "Passes over the rows, with 4 checkpoints evenly spaced among them (default: 12).")
    Integer epochs;

    private final TokenRowsSource sources;

    @Inject
    ReproduceCommand(RunService runs, LanguageModels models, ComputeService compute, TrainingDataProvider provider) {
        this.runner = new ReproductionRunner(runs, models, compute);
        this.sources = new TokenRowsSource(provider);
    }

    @Override
    public Integer call() throws Exception {
        if (data != null) {
            return onePass();
        }
        Path corpus = this.corpus != null ? this.corpus : FortuneCorpus.DEBIAN_DIRECTORY;
        ReproductionConfig config = configure(ReproductionConfig.defaults(), documents, epochs);
        List<Path> files;
        List<String> fortunes;
        try {
            files = FortuneCorpus.files(corpus);
            fortunes = FortuneCorpus.read(files);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--corpus " + e.getMessage(), e);
        }
        return runner.run(spec, common, config, fortunes, files, "--corpus " + corpus);
    }

    private int onePass() throws IOException {
        if (corpus != null || documents != null || epochs != null) {
            throw new ParameterException(spec.commandLine(), "--data trains one pass over its rows: --corpus, --documents and --epochs do not apply");
        }
        ReproductionConfig config = configure(ReproductionConfig.onePass(), null, null);
        TrainingRows rows;
        List<Path> files;
        try (TrainingData training = sources.open(spec, "--data", data, config.batchSize())) {
            if (training.rowLength() < config.rowLength()) {
                throw new ParameterException(spec.commandLine(), "--data " + data + ": rows of " + training.rowLength() + " tokens, fewer than the "
                        + config.rowLength() + " a " + config.prefix() + "-token prefix and " + config.continuation() + "-token continuation need");
            }
            long tokens = training.rowCount() * training.rowLength();
            if (tokens > Integer.MAX_VALUE - 8) {
                throw new ParameterException(spec.commandLine(), "--data " + data + ": " + tokens + " tokens, more than one array holds");
            }
            int[] all = new int[(int) tokens];
            training.readRows(0, (int) training.rowCount(), all, 0);
            rows = TrainingRows.fromNeoxRows(all, training.rowLength());
            files = training.files();
        }
        try {
            Reproduction.plan(config, rows);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--data " + data + ": " + e.getMessage(), e);
        }
        return runner.run(spec, common, config, rows, "the pre-shuffled rows of " + data + " (" + rows.documents() + " documents end in them)",
                files, "--data " + data);
    }

    /** {@code base} with the sizes and seed given, and {@code documents} and {@code epochs} when not null; a bad value is a usage error. */
    private ReproductionConfig configure(ReproductionConfig base, Integer documents, Integer epochs) {
        try {
            return base.with(sizes == null ? null : sizes.stream().map(ModelSize::parse).toList(), documents, epochs, common.seed());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
