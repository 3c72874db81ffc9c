/**
 * Causal language models (GPT-NeoX / Pythia) as a service: load a Hugging Face model directory or
 * create a fresh model, then compute logits, per-token losses, greedy generations with a key/value
 * cache and teacher-forced argmaxes in batches; train from scratch with checkpoints.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.timelapse.api.lm;
