package io.timelapse.platform.benchmarks;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Constants;

/** Benchmarks that need the shared libraries as well as the compute service: {@code timelapse bench mlp}. */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class BenchmarksActivator extends PluginModule {

    @Override
    protected void configure() {
        require(ComputeService.class);
        require(RunService.class);
        command(MlpTrainingBenchmark.class, "bench");
    }
}
