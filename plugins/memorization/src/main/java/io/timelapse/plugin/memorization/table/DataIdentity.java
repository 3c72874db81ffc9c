package io.timelapse.plugin.memorization.table;

/** The training rows a table was scored on: their source, layout, row length and training batch size. */
public record DataIdentity(String source, String layout, int rowLength, int batchSize) {}
