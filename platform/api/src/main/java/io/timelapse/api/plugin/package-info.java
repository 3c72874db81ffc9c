/**
 * The one piece a plugin author needs: {@link io.timelapse.api.plugin.PluginModule} wires a
 * plugin's insides with Guice and does all the OSGi work (service lookup, registration, clean-up).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.api.plugin;
