/** Crash-safe file writing (a reader never sees a half-written file) and the SHA-256 of files, cached. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.timelapse.lib.files;
