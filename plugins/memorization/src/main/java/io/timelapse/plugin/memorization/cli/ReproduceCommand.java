package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.memorization.reproduce.FortuneCorpus;
import io.timelapse.plugin.memorization.reproduce.ModelSize;
import io.timelapse.plugin.memorization.reproduce.ReproductionConfig;
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
        description = {"Reproduce the paper's two prediction set-ups at small scale, on Debian's fortunes (apt-get install -y fortunes).",
                "The fortunes are tokenized with GPT-NeoX's tokenizer into Pythia-style rows with repeated documents; a family of small"
                        + " GPT-NeoX models trains on them with 4 evenly spaced checkpoints; every checkpoint is scored; the report says how well"
                        + " smaller models and intermediate checkpoints predict what the largest model memorizes. Rerun with the same --out to resume."})
@DefaultSeed(ReproductionConfig.DEFAULT_SEED)
final class ReproduceCommand implements PluginCommand {

    private final ReproductionRunner runner;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Directory of fortune files (default: ${DEFAULT-VALUE}).")
    Path corpus = FortuneCorpus.DEBIAN_DIRECTORY;

    @Option(names = "--size", paramLabel = "NAME:LAYERS:HIDDEN:HEADS",
            description = "A model size, smallest first; repeat for each (default: xs:1:32:2, s:2:64:4, m:2:128:4).")
    List<String> sizes;

    @Option(names = "--documents", paramLabel = "N", description = "Use the first N fortunes of at least 350 characters, 0 for all (default: 250).")
    Integer documents;

    @Option(names = "--epochs", paramLabel = "E", description = "Passes over the rows, with 4 checkpoints evenly spaced among them (default: 12).")
    Integer epochs;

    @Inject
    ReproduceCommand(RunService runs, LanguageModels models, ComputeService compute) {
        this.runner = new ReproductionRunner(runs, models, compute);
    }

    @Override
    public Integer call() throws Exception {
        ReproductionConfig config;
        try {
            config = ReproductionConfig.defaults().with(sizes == null ? null : sizes.stream().map(ModelSize::parse).toList(), documents, epochs,
                    common.seed());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
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
}
