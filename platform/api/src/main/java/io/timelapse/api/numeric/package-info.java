/**
 * Number formats Java lacks, shared by the compute API and the file formats: IEEE binary16 and
 * bfloat16.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.api.numeric;
