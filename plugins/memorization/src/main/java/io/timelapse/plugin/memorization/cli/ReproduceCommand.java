package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.plugin.memorization.reproduce.FortuneCorpus;
import io.timelapse.plugin.memorization.reproduce.ModelSize;
import io.timelapse.plugin.memorization.reproduce.Reproduction;
import io.timelapse.plugin.memorization.reproduce.ReproductionConfig;
import jakarta.inject.Inject;
import java.io.PrintWriter;
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
        description = {"Train a family of small GPT-NeoX models on Debian's fortunes (apt-get install -y fortunes), tokenized with GPT-NeoX's",
                "tokenizer into Pythia-style rows with repeated documents; checkpoint every epoch; score every checkpoint; report how well",
                "smaller models and intermediate checkpoints predict what the largest model memorizes. Rerun with the same --out to resume."})
final class ReproduceCommand implements PluginCommand {

    private final RunService runs;
    private final LanguageModels models;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Fortune files (default: ${DEFAULT-VALUE}).")
    Path corpus = FortuneCorpus.DEBIAN_DIRECTORY;

    @Option(names = "--size", paramLabel = "NAME:LAYERS:HIDDEN:HEADS", description = "A model size, smallest first; repeat (default: xs:1:32:2, s:2:64:4, m:2:128:4).")
    List<String> sizes;

    @Option(names = "--documents", description = "Use the first N fortunes of at least 350 characters, 0 for all (default: 250).")
    Integer documents;

    @Option(names = "--epochs", description = "Passes over the rows; 4 checkpoints evenly spaced (default: 12).")
    Integer epochs;

    @Inject
    ReproduceCommand(RunService runs, LanguageModels models) {
        this.runs = runs;
        this.models = models;
    }

    @Override
    public Integer call() throws Exception {
        ReproductionConfig base = ReproductionConfig.defaults();
        ReproductionConfig config;
        try {
            config = new ReproductionConfig(sizes == null ? base.sizes() : sizes.stream().map(ModelSize::parse).toList(),
                    base.minCharacters(), documents == null ? base.documents() : documents, base.duplicated(), base.maxCopies(),
                    epochs == null ? base.epochs() : epochs, base.checkpoints(), base.batchSize(), base.learningRate(), base.prefix(), base.continuation(),
                    base.evalBatch(), common.seed() != 0 ? common.seed() : base.seed());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        return run(spec, common, runs, models, config, FortuneCorpus.read(corpus));
    }

    static int run(CommandSpec spec, CommonOptions common, RunService runs, LanguageModels models, ReproductionConfig config,
                   List<String> corpus) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (Run run = runs.start(spec, common)) {
            run.seed(config.seed());
            Reproduction.Outcome outcome = new Reproduction(models, config, run.directory(), out, run::progress)
                    .run(corpus, GptNeoXTokenizer.load());
            for (var p : outcome.bySize().predictions()) {
                run.result("by_size." + p.predictor().label() + ".precision", p.confusion().precision());
                run.result("by_size." + p.predictor().label() + ".recall", p.confusion().recall());
            }
            for (var p : outcome.byTime().predictions()) {
                run.result("by_time." + p.predictor().label() + ".precision", p.confusion().precision());
                run.result("by_time." + p.predictor().label() + ".recall", p.confusion().recall());
            }
            run.succeeded();
            out.println();
            out.print(outcome.summary());
            out.println("report → " + run.directory().resolve("summary.md"));
        }
        return ExitCode.OK;
    }
}
