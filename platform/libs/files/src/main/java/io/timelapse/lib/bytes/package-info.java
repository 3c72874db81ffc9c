/** Byte regions addressed by {@code long} offsets, for files and arrays beyond 2 GB. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.timelapse.lib.bytes;
