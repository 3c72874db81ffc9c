/** Memorization scores of training rows: greedy match counts or the exact-match shortcut, resumable batch by batch. */
package io.timelapse.plugin.memorization.scoring;
