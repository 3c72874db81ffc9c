/** Where a training row came from: its step and slot, and the source documents it spans with token offsets. */
package io.timelapse.plugin.pythia.provenance;
