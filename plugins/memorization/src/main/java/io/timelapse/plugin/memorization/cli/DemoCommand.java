package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.memorization.reproduce.FortuneCorpus;
import io.timelapse.plugin.memorization.reproduce.ReproductionConfig;
import jakarta.inject.Inject;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code timelapse memorization demo}: a tiny reproduction on the embedded fortunes, in about a minute. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a tiny version of 'memorization reproduce' on fortunes embedded in the plugin, in about a minute.",
                "Three small models train for 20 epochs on the first 40 embedded fortunes (30 %% of them repeated 2, 4 or 8 times),"
                        + " with 3 checkpoints each; every checkpoint is scored and both prediction set-ups are reported."})
@DefaultSeed(ReproductionConfig.DEFAULT_SEED)
final class DemoCommand implements PluginCommand {

    private final ReproductionRunner runner;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Inject
    DemoCommand(RunService runs, LanguageModels models, ComputeService compute) {
        this.runner = new ReproductionRunner(runs, models, compute);
    }

    @Override
    public Integer call() throws Exception {
        ReproductionConfig config = ReproductionConfig.demo().with(null, null, null, common.seed());
        return runner.run(spec, common, config, FortuneCorpus.embedded(), List.of(), null);
    }
}
