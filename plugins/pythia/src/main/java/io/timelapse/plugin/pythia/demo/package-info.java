/** The demo corpus bundled in the plugin, tokenized into Megatron datasets. */
package io.timelapse.plugin.pythia.demo;
