package io.timelapse.platform.shell;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.ToIntFunction;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Publishes the command line as the process entry point. The launcher finds it by the JDK type
 * {@link ToIntFunction} and the {@value #ENTRY_PROPERTY} property, so it needs none of our classes.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class ShellActivator implements BundleActivator {

    static final String ENTRY_PROPERTY = "timelapse.entry";

    private ServiceRegistration<?> registration;

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ENTRY_PROPERTY, "cli");
        ToIntFunction<String[]> entry = new Shell(new InstalledPlugins(context))::execute;
        registration = context.registerService(ToIntFunction.class.getName(), entry, properties);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
    }
}
