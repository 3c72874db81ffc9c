package io.timelapse.api.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.timelapse.api.cli.PluginCommand;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import picocli.CommandLine.Command;

/**
 * A plugin's Guice module and bundle activator in one. In {@link #configure()} a plugin binds its
 * insides as in any Guice module and declares what crosses the bundle boundary:
 *
 * <pre>{@code
 * @Plugin(id = "pythia")
 * public final class PythiaPlugin extends PluginModule {
 *     protected void configure() {
 *         require(RunService.class);                                  // injected from the registry
 *         provide(TrainingDataProvider.class, PreshuffledProvider.class); // published as a service
 *         command(InfoCommand.class);                                 // timelapse pythia info
 *     }
 * }
 * }</pre>
 *
 * On start the injector is built and the provided services and commands are registered; on stop
 * they are unregistered and the service lookups are closed.
 */
public abstract class PluginModule extends AbstractModule implements BundleActivator {

    /** Capability namespace that marks a bundle as a plugin; its {@code id} attribute names it. */
    public static final String PLUGIN_NAMESPACE = "timelapse.plugin";
    public static final String PLUGIN_ID_ATTRIBUTE = "id";
    /** Service property: the id of the plugin that contributes a command; platform bundles' commands have none. */
    public static final String PLUGIN_PROPERTY = "timelapse.plugin";
    /** Service property: the name of a contributed command. */
    public static final String COMMAND_PROPERTY = "timelapse.command";
    /** Service property: the command group a contributed command belongs to, as {@code bench} in {@code timelapse bench compute}. */
    public static final String GROUP_PROPERTY = "timelapse.group";

    private final List<ServiceImport<?>> imports = new ArrayList<>();
    private final List<Export<?>> exports = new ArrayList<>();
    private final List<ContributedCommand> commands = new ArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private BundleContext context;

    /** Makes {@code service}, published by another bundle, injectable. */
    protected final <T> void require(Class<T> service) {
        ServiceImport<T> lookup = new ServiceImport<>(context(), service);
        imports.add(lookup);
        bind(service).toInstance(lookup.proxy());
    }

    /** Binds {@code service} to {@code implementation} and publishes the singleton as an OSGi service. */
    protected final <T> void provide(Class<T> service, Class<? extends T> implementation) {
        bind(service).to(implementation).asEagerSingleton();
        exports.add(new Export<>(service));
    }

    /**
     * Contributes a picocli command, created by the injector each time the command line is built.
     * A plugin's commands appear as {@code timelapse <plugin> <command>}; a platform bundle's at the top level.
     */
    protected final void command(Class<? extends PluginCommand> command) {
        command(command, null);
    }

    /** Contributes a command inside a group shared with other bundles: {@code timelapse [plugin] <group> <command>}. */
    protected final void command(Class<? extends PluginCommand> command, String group) {
        if (command.getAnnotation(Command.class) == null) {
            addError("%s must carry picocli's @Command annotation with a name", command.getName());
        }
        commands.add(new ContributedCommand(command, group));
    }

    /** The bundle's context, for the rare plugin that needs it. */
    protected final BundleContext context() {
        if (context == null) {
            throw new IllegalStateException("the plugin module is configured only when its bundle starts");
        }
        return context;
    }

    @Override
    public final void start(BundleContext bundleContext) {
        context = bundleContext;
        Injector injector = Guice.createInjector(this);
        String pluginId = pluginId(bundleContext.getBundle());
        for (Export<?> export : exports) {
            registrations.add(export.register(bundleContext, injector));
        }
        for (ContributedCommand command : commands) {
            Dictionary<String, Object> properties = new Hashtable<>();
            if (pluginId != null) {
                properties.put(PLUGIN_PROPERTY, pluginId);
            }
            if (command.group() != null) {
                properties.put(GROUP_PROPERTY, command.group());
            }
            properties.put(COMMAND_PROPERTY, command.type().getAnnotation(Command.class).name());
            CommandFactory factory = () -> injector.getInstance(command.type());
            registrations.add(bundleContext.registerService(CommandFactory.class, factory, properties));
        }
    }

    @Override
    public final void stop(BundleContext bundleContext) {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The framework unregisters a stopping bundle's services itself.
            }
        }
        registrations.clear();
        imports.forEach(ServiceImport::close);
        imports.clear();
        context = null;
    }

    /** The id a bundle declares with {@link Plugin}, or {@code null} when the bundle is no plugin. */
    public static String pluginId(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return null;
        }
        for (BundleCapability capability : revision.getDeclaredCapabilities(PLUGIN_NAMESPACE)) {
            Object id = capability.getAttributes().get(PLUGIN_ID_ATTRIBUTE);
            if (id != null) {
                return id.toString();
            }
        }
        return null;
    }

    private record ContributedCommand(Class<? extends PluginCommand> type, String group) {}

    private record Export<T>(Class<T> type) {
        ServiceRegistration<T> register(BundleContext bundleContext, Injector injector) {
            return bundleContext.registerService(type, injector.getInstance(type), null);
        }
    }
}
