package io.timelapse.plugin.memorization.table;

/** The training rows a table was scored on: their source, layout and row length. */
public record DataIdentity(String source, String layout, int rowLength) {}
