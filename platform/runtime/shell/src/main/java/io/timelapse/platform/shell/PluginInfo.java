package io.timelapse.platform.shell;

import io.timelapse.api.plugin.PluginModule;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/** One installed plugin as {@code timelapse plugins} shows it. */
record PluginInfo(String id, String symbolicName, String version, String state, String location,
                  List<String> provides, List<String> needs, List<String> missing) {

    static PluginInfo of(String id, Bundle bundle, FrameworkWiring wiring, BundleContext context) {
        List<String> needs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision != null) {
            for (BundleRequirement requirement : revision.getDeclaredRequirements(BundleRevision.PACKAGE_NAMESPACE)) {
                RequirementText text = RequirementText.of(requirement);
                if (text.packageName().startsWith("io.timelapse.")) {
                    needs.add(text.describe());
                }
                if (!text.optional() && wiring.findProviders(requirement).isEmpty()) {
                    missing.add(text.describe() + text.availability(context));
                }
            }
        }
        return new PluginInfo(id, bundle.getSymbolicName(), bundle.getVersion().toString(), stateName(bundle),
                bundle.getLocation(), provided(bundle), needs, missing);
    }

    boolean active() {
        return "ACTIVE".equals(state);
    }

    /** The one-line report of a plugin that is not working, naming what it lacks. */
    String problem() {
        String why = missing.isEmpty() ? "failed to start (see the log above)" : "needs " + String.join("; ", missing);
        return "plugin " + id + " " + version + " is not available: " + why;
    }

    private static List<String> provided(Bundle bundle) {
        TreeSet<String> provided = new TreeSet<>();
        ServiceReference<?>[] references = bundle.getRegisteredServices();
        if (references != null) {
            for (ServiceReference<?> reference : references) {
                Object command = reference.getProperty(PluginModule.COMMAND_PROPERTY);
                if (command != null) {
                    provided.add("command " + command);
                } else {
                    for (String type : (String[]) reference.getProperty("objectClass")) {
                        provided.add("service " + type);
                    }
                }
            }
        }
        return new ArrayList<>(provided);
    }

    private static String stateName(Bundle bundle) {
        switch (bundle.getState()) {
            case Bundle.ACTIVE:
                return "ACTIVE";
            case Bundle.RESOLVED:
                return "RESOLVED";
            case Bundle.INSTALLED:
                return "INSTALLED";
            case Bundle.STARTING:
                return "STARTING";
            case Bundle.STOPPING:
                return "STOPPING";
            default:
                return "UNINSTALLED";
        }
    }
}
