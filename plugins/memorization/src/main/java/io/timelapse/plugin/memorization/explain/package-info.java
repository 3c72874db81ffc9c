/** Scored rows traced to their sources and counted in the corpus: what {@code memorization explain} computes. */
package io.timelapse.plugin.memorization.explain;
