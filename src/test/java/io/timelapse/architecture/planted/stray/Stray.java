package io.timelapse.architecture.planted.stray;

/** Planted: the class of a module in a folder no part claims. */
final class Stray {}
