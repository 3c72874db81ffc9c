package io.timelapse.platform.runs;

import io.timelapse.api.plugin.PluginModule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** Reads versions from the installed bundles, so they are what actually ran. */
final class BundleVersionCatalog implements VersionCatalog {

    static final String PLATFORM_VERSION_PROPERTY = "timelapse.version";

    private static final Map<String, String> LIBRARIES = Map.of(
            "info.picocli", "picocli",
            "com.google.inject", "guice",
            "com.fasterxml.jackson.core.jackson-databind", "jackson-databind",
            "slf4j.api", "slf4j");

    private final BundleContext context;

    BundleVersionCatalog(BundleContext context) {
        this.context = context;
    }

    @Override
    public Map<String, Object> versions() {
        Map<String, Object> platform = new TreeMap<>();
        Map<String, Object> plugins = new TreeMap<>();
        Map<String, Object> libraries = new TreeMap<>();
        libraries.put("java", System.getProperty("java.version"));
        libraries.put("osgi-framework", context.getBundle(0).getSymbolicName() + " " + context.getBundle(0).getVersion());
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            String version = bundle.getVersion().toString();
            String pluginId = PluginModule.pluginId(bundle);
            if (pluginId != null) {
                plugins.put(pluginId, version);
            } else if (name != null && name.startsWith("io.timelapse.")) {
                platform.put(name, version);
            } else if (name != null && LIBRARIES.containsKey(name)) {
                libraries.put(LIBRARIES.get(name), version);
            }
        }
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("timelapse", String.valueOf(context.getProperty(PLATFORM_VERSION_PROPERTY)));
        versions.put("platform", platform);
        versions.put("plugins", plugins);
        versions.put("libraries", libraries);
        return versions;
    }
}
