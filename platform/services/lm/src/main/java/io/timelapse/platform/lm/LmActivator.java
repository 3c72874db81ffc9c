package io.timelapse.platform.lm;

import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;
import io.timelapse.platform.lm.cli.LmCommand;
import io.timelapse.platform.lm.model.NeoXModels;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Constants;

/** Publishes the {@link LanguageModels} service and the {@code timelapse lm} commands. */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class LmActivator extends PluginModule {

    @Override
    protected void configure() {
        require(ComputeService.class);
        require(RunService.class);
        require(TrainingDataProvider.class);
        provide(LanguageModels.class, NeoXModels.class);
        command(LmCommand.class);
    }
}
