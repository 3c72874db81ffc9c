/**
 * Hugging Face's safetensors format: memory-mapped, validated reading of single files and of
 * sharded models ({@code model.safetensors.index.json}), and atomic, deterministic writing.
 * Pickle-based {@code .bin}/{@code .pt} files are refused, never unpickled.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.lib.safetensors;
