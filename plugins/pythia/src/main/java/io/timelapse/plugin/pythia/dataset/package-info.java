/** gpt-neox v1.0 datasets: GPT2Dataset sample assembly, blending, and the split and blend routes. */
package io.timelapse.plugin.pythia.dataset;
