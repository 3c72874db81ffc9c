package io.timelapse.plugin.memorization.cli;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.plugin.Plugin;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;

/** The memorization plugin: {@code timelapse memorization score|merge|predict|reproduce|demo|explain}. */
@Plugin(id = "memorization")
public final class MemorizationPlugin extends PluginModule {

    @Override
    protected void configure() {
        require(RunService.class);
        require(ComputeService.class);
        require(LanguageModels.class);
        require(TrainingDataProvider.class);
        command(ScoreCommand.class);
        command(MergeCommand.class);
        command(PredictCommand.class);
        command(ReproduceCommand.class);
        command(DemoCommand.class);
        command(ExplainCommand.class);
    }
}
