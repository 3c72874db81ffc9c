package io.timelapse.platform.benchmarks;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Constants;

/**
 * Benchmarks measured against PyTorch references, {@code timelapse bench mlp} and {@code timelapse bench lm}, and
 * {@code timelapse bench all}, which runs every installed benchmark.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class BenchmarksActivator extends PluginModule {

    @Override
    protected void configure() {
        require(ComputeService.class);
        require(RunService.class);
        require(LanguageModels.class);
        command(MlpTrainingBenchmark.class, "bench");
        command(LmBenchmark.class, "bench");
        command(AllBenchmarks.class, "bench");
    }
}
