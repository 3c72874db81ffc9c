package io.timelapse.platform.compute.tensorflow;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;
import io.timelapse.platform.compute.tensorflow.cli.ComputeBenchmark;
import io.timelapse.platform.compute.tensorflow.cli.DeviceCommand;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Constants;

/** Publishes the process's one {@link ComputeService} and the {@code timelapse device} command. */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class ComputeBackendActivator extends PluginModule {

    @Override
    protected void configure() {
        provide(ComputeService.class, TensorFlowComputeService.class);
        require(RunService.class);
        command(DeviceCommand.class);
        command(ComputeBenchmark.class, "bench");
    }
}
