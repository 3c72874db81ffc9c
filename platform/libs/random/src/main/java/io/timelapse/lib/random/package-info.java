/** What numpy's random generators share, for the plugins that reproduce them bit for bit. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.lib.random;
