package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.plugin.Plugin;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;
import io.timelapse.plugin.pythia.service.PreshuffledTrainingDataProvider;

/** The pythia plugin: the pre-shuffled training-data service and the {@code timelapse pythia …} commands, and {@code timelapse bench pythia}. */
@Plugin(id = "pythia")
public final class PythiaPlugin extends PluginModule {

    @Override
    protected void configure() {
        require(RunService.class);
        require(ComputeService.class);
        provide(TrainingDataProvider.class, PreshuffledTrainingDataProvider.class);
        command(InfoCommand.class);
        command(IndexCommand.class);
        command(SamplesCommand.class);
        command(BatchCommand.class);
        command(LocateCommand.class);
        command(UnshardCommand.class);
        command(PreprocessCommand.class);
        command(PreshuffleCommand.class);
        command(TokenizeCommand.class);
        command(DetokenizeCommand.class);
        command(DemoCommand.class);
        command(BenchCommand.class, "bench");
    }
}
