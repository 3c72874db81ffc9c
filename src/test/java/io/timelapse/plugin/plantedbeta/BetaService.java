package io.timelapse.plugin.plantedbeta;

/** Planted: a class of a second plugin. */
public final class BetaService {}
