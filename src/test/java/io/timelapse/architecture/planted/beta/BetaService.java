package io.timelapse.architecture.planted.beta;

/** Planted: a class of a second plugin. */
public final class BetaService {}
