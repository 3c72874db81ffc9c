/**
 * Training metrics written as CSV, JSON lines and TensorBoard event files (TFRecord framing and
 * Event protobufs encoded by hand). Resuming at step S first drops rows of step S and later, so a
 * killed and resumed run never duplicates rows.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.lib.metrics;
