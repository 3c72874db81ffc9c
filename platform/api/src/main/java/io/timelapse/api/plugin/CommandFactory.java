package io.timelapse.api.plugin;

import io.timelapse.api.cli.PluginCommand;

/**
 * Creates a fresh instance of a contributed command. {@link PluginModule} registers one per command,
 * with the {@link PluginModule#PLUGIN_PROPERTY} and {@link PluginModule#COMMAND_PROPERTY} properties.
 */
@FunctionalInterface
@org.osgi.annotation.versioning.ProviderType
public interface CommandFactory {
    PluginCommand create();
}
