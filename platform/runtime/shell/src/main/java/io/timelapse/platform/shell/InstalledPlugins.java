package io.timelapse.platform.shell;

import io.timelapse.api.plugin.CommandFactory;
import io.timelapse.api.plugin.PluginModule;
import io.timelapse.api.run.RunService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/** What the framework holds right now: plugins, platform bundles and contributed commands. */
final class InstalledPlugins {

    private final BundleContext context;

    InstalledPlugins(BundleContext context) {
        this.context = context;
    }

    List<PluginInfo> plugins() {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        List<PluginInfo> plugins = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String id = PluginModule.pluginId(bundle);
            if (id != null) {
                plugins.add(PluginInfo.of(id, bundle, wiring, context));
            }
        }
        plugins.sort(Comparator.comparing(PluginInfo::id));
        return plugins;
    }

    /** Bundles of the platform itself ({@code io.timelapse.*} without a plugin header), by name. */
    Map<String, String> platformBundles() {
        Map<String, String> versions = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith("io.timelapse.") && PluginModule.pluginId(bundle) == null) {
                versions.put(name, bundle.getVersion().toString());
            }
        }
        return versions;
    }

    /** What a plugin's bundle says it is for (its {@code Bundle-Description}, the pom's description). */
    String description(String pluginId) {
        for (Bundle bundle : context.getBundles()) {
            if (pluginId.equals(PluginModule.pluginId(bundle))) {
                String description = bundle.getHeaders().get(Constants.BUNDLE_DESCRIPTION);
                if (description != null && !description.isBlank()) {
                    return description.strip();
                }
            }
        }
        return "Commands of the " + pluginId + " plugin.";
    }

    /** The run service now registered, or null. */
    RunService runService() {
        ServiceReference<RunService> reference = context.getServiceReference(RunService.class);
        return reference == null ? null : context.getService(reference);
    }

    String platformVersion() {
        String version = context.getProperty("timelapse.version");
        return version != null ? version : "unknown";
    }

    String frameworkVersion() {
        Bundle system = context.getBundle(0);
        return system.getSymbolicName() + " " + system.getVersion();
    }

    /** The plugin id under which platform bundles' top-level commands are grouped. */
    static final String TOP_LEVEL = "";

    /**
     * Factories of contributed commands, grouped by plugin id ({@link #TOP_LEVEL} for the platform's)
     * and keyed by their path under it ({@code "compute"}, or {@code "bench compute"} inside a group).
     */
    Map<String, Map<String, CommandFactory>> commands() {
        Map<String, Map<String, CommandFactory>> byPlugin = new TreeMap<>();
        for (ServiceReference<CommandFactory> reference : commandReferences()) {
            Object pluginProperty = reference.getProperty(PluginModule.PLUGIN_PROPERTY);
            String plugin = pluginProperty == null ? TOP_LEVEL : pluginProperty.toString();
            String command = String.valueOf(reference.getProperty(PluginModule.COMMAND_PROPERTY));
            Object group = reference.getProperty(PluginModule.GROUP_PROPERTY);
            if (group != null) {
                command = group + " " + command;
            }
            CommandFactory factory = context.getService(reference);
            if (factory != null) {
                byPlugin.computeIfAbsent(plugin, p -> new TreeMap<>()).put(command, factory);
            }
        }
        return byPlugin;
    }

    private List<ServiceReference<CommandFactory>> commandReferences() {
        try {
            return new ArrayList<>(context.getServiceReferences(CommandFactory.class, null));
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
