/** Training data that one plugin reads and another analyses, in training order. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.timelapse.api.data;
