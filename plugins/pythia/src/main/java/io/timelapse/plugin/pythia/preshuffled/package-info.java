/** The {@code pile-*-pythia-preshuffled} layout: one training sample per item, sharded at byte offsets. */
package io.timelapse.plugin.pythia.preshuffled;
