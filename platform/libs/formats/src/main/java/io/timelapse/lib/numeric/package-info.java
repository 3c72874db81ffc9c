/** Reduced-precision number formats shared by the file formats. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.timelapse.lib.numeric;
