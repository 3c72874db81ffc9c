package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.plugin.Plugin;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;

/** The openfold plugin: {@code timelapse openfold dataset|features|metrics|demo|module|predict|train|dynamics} and {@code timelapse bench openfold-data|openfold}. */
@Plugin(id = "openfold")
public final class OpenFoldPlugin extends PluginModule {

    @Override
    protected void configure() {
        require(RunService.class);
        require(ComputeService.class);
        command(DatasetCommand.class);
        command(FeaturesCommand.class);
        command(MetricsCommand.class);
        command(DemoCommand.class);
        command(ModuleCommand.class);
        command(PredictCommand.class);
        command(TrainCommand.class);
        command(DynamicsCommand.class);
        command(DataBenchCommand.class, "bench");
        command(OpenFoldBenchCommand.class, "bench");
    }
}
