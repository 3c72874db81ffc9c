package io.timelapse.platform.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.IVersionProvider;

/** {@code timelapse --version}: the platform, its bundles, and each plugin with its version. */
final class VersionReport implements IVersionProvider {

    private final InstalledPlugins installed;

    VersionReport(InstalledPlugins installed) {
        this.installed = installed;
    }

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("timelapse " + installed.platformVersion());
        for (Map.Entry<String, String> bundle : installed.platformBundles().entrySet()) {
            lines.add("  " + bundle.getKey() + " " + bundle.getValue());
        }
        List<PluginInfo> plugins = installed.plugins();
        lines.add(plugins.isEmpty() ? "plugins: none" : "plugins:");
        for (PluginInfo plugin : plugins) {
            lines.add("  " + plugin.id() + " " + plugin.version() + (plugin.active() ? "" : " (" + plugin.state() + ")"));
        }
        lines.add("java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                + installed.frameworkVersion());
        return lines.toArray(String[]::new);
    }
}
