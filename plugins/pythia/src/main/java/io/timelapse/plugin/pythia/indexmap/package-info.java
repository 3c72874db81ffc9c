/** gpt-neox v1.0 GPT2Dataset index maps ({@code doc_idx}, {@code sample_idx}, {@code shuffle_idx}), built and cached bit-exactly. */
package io.timelapse.plugin.pythia.indexmap;
