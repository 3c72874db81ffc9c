/** Crash-safe file writing: a reader never sees a half-written file. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.lib.files;
