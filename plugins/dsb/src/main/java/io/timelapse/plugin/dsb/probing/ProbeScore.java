package io.timelapse.plugin.dsb.probing;

/**
 * A checkpoint's score on one probe set: the mean cross-entropy (nats) and the top-1 accuracy against the set's labels,
 * both over every image of the set ({@code scored}); the paper's code drops the last partial batch but divides by the
 * set's size, which this does not copy.
 */
public record ProbeScore(String set, long scored, double loss, double accuracy) {}
