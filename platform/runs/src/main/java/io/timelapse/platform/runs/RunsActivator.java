package io.timelapse.platform.runs;

import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Constants;

/** Publishes the platform's {@link RunService}. */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class RunsActivator extends PluginModule {

    @Override
    protected void configure() {
        bind(VersionCatalog.class).toInstance(new BundleVersionCatalog(context()));
        provide(RunService.class, RunDirectories.class);
    }
}
