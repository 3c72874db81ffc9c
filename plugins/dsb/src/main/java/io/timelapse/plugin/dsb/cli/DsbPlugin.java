package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.plugin.Plugin;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;

/** The dsb plugin. Its commands ({@code timelapse dsb stats|sample|edit|train|probe|ngram|demo}) are still to come. */
@Plugin(id = "dsb")
public final class DsbPlugin extends PluginModule {

    @Override
    protected void configure() {
        require(RunService.class);
        require(ComputeService.class);
        command(TrainCommand.class);
        command(ProbeCommand.class);
        command(DemoCommand.class);
        command(BenchCommand.class, "bench");
    }
}
