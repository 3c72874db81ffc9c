/** Text corpora as gpt-neox's {@code preprocess_data.py} takes them: documents read, tokenized and written as a Megatron dataset. */
package io.timelapse.plugin.pythia.corpus;
