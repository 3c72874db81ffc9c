/** The paper's study at small scale: fortunes corpus, GPT-NeoX rows with repeats, a model family, checkpoints, scores and both prediction set-ups. */
package io.timelapse.plugin.memorization.reproduce;
