/** The training-data service this plugin publishes for other plugins: pre-shuffled Pythia rows as ints. */
package io.timelapse.plugin.pythia.service;
