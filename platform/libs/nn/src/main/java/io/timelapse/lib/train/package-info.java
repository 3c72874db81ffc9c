/**
 * Training on the compute API: optimizers as graph update operations (SGD, Adam, AdamW with
 * PyTorch semantics), learning-rate schedules of the step variable, global-norm clipping, weight
 * averages, gradient accumulation, and a training loop that checkpoints on a schedule, resumes from
 * the latest complete checkpoint and writes metrics.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.timelapse.lib.train;
