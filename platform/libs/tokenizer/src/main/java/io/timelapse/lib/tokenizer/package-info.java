/**
 * Hugging Face {@code tokenizer.json} byte-level BPE tokenizers in pure Java, and the GPT-NeoX-20B
 * tokenizer (the one Pythia was trained with) bundled as a resource.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.timelapse.lib.tokenizer;
