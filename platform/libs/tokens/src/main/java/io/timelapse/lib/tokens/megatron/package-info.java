/**
 * Megatron / GPT-NeoX {@code MMapIndexedDataset} files ({@code PREFIX.idx} and {@code PREFIX.bin}): reading, writing
 * byte for byte as gpt-neox does, and validation of every header field.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.timelapse.lib.tokens.megatron;
