/** NumPy's legacy {@code RandomState} (MT19937), reproduced draw for draw. */
package io.timelapse.plugin.pythia.random;
