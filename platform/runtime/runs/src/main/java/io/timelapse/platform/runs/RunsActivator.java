package io.timelapse.platform.runs;

import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.SynchronousBundleListener;

/** Publishes the platform's {@link RunService}; its runs' shutdown hooks go when the bundle stops. */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class RunsActivator extends PluginModule {

    @Override
    protected void configure() {
        OpenRuns openRuns = new OpenRuns();
        Bundle self = context().getBundle();
        context().addBundleListener((SynchronousBundleListener) event -> {
            if (event.getType() == BundleEvent.STOPPING && event.getBundle().equals(self)) {
                openRuns.stop();
            }
        });
        bind(OpenRuns.class).toInstance(openRuns);
        bind(VersionCatalog.class).toInstance(new BundleVersionCatalog(context()));
        provide(RunService.class, RunDirectories.class);
    }
}
