/** Megatron {@code MMapIndexedDataset} files ({@code .idx} and {@code .bin}): reading, writing, validation. */
package io.timelapse.plugin.pythia.mmap;
