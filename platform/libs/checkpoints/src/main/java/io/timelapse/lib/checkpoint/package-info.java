/**
 * Training checkpoints: one safetensors file per step holding every variable and optimizer slot,
 * with step, config hash and a data checksum in its metadata, written atomically; a directory of
 * them that finds the latest complete one and prunes by a retention policy; checkpoint schedules.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.lib.checkpoint;
