package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.memorization.reproduce.FortuneCorpus;
import io.timelapse.plugin.memorization.reproduce.ReproductionConfig;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code timelapse memorization demo}: a tiny reproduction on the embedded fortunes, in about a minute. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "A tiny version of 'memorization reproduce' on fortunes embedded in the plugin: three small models, scores, both prediction set-ups.")
final class DemoCommand implements PluginCommand {

    private final RunService runs;
    private final LanguageModels models;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Inject
    DemoCommand(RunService runs, LanguageModels models) {
        this.runs = runs;
        this.models = models;
    }

    @Override
    public Integer call() throws Exception {
        return ReproduceCommand.run(spec, common, runs, models, ReproductionConfig.demo(), FortuneCorpus.embedded());
    }
}
