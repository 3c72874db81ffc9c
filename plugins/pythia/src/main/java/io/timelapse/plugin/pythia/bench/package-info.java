/** {@code timelapse bench pythia}: batch reads and the index-map build, timed side by side with numpy. */
package io.timelapse.plugin.pythia.bench;
