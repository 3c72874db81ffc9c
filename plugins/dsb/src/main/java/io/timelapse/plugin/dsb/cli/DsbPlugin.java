package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.plugin.Plugin;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;

/** The dsb plugin: {@code timelapse dsb stats|sample|edit|train|probe|probe-merge|ngram|demo}. */
@Plugin(id = "dsb")
public final class DsbPlugin extends PluginModule {

    @Override
    protected void configure() {
        require(RunService.class);
        require(ComputeService.class);
        require(LanguageModels.class);
        require(TrainingDataProvider.class);
        command(NgramCommand.class);
        command(StatsCommand.class);
        command(SampleCommand.class);
        command(EditCommand.class);
        command(TrainCommand.class);
        command(ProbeCommand.class);
        command(ProbeMergeCommand.class);
        command(DemoCommand.class);
        command(BenchCommand.class, "bench");
    }
}
