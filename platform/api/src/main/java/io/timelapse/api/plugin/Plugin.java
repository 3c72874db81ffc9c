package io.timelapse.api.plugin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.annotation.bundle.Attribute;
import org.osgi.annotation.bundle.Capability;
import org.osgi.annotation.bundle.Header;

/**
 * Marks a plugin's {@link PluginModule}. bnd turns it into the bundle's {@code Bundle-Activator}
 * header and a {@code timelapse.plugin;id=...} capability, so a plugin needs no hand-written manifest.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@Header(name = "Bundle-Activator", value = "${@class}")
@Capability(namespace = PluginModule.PLUGIN_NAMESPACE)
public @interface Plugin {

    /** The plugin's command-line name, as in {@code timelapse <id> <command>}. */
    @Attribute(PluginModule.PLUGIN_ID_ATTRIBUTE)
    String id();
}
