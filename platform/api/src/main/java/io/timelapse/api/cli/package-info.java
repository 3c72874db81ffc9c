/** Commands that plugins contribute to the {@code timelapse} command line. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.timelapse.api.cli;
