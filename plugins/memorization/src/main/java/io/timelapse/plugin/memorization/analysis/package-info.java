/** The prediction analysis: confusion matrices, correlations, histograms, Poisson windows, compute. */
package io.timelapse.plugin.memorization.analysis;
