package io.timelapse.api.compute;

/** Memory the backend holds, in bytes: now and the peak since the service started. */
public record MemoryUsage(long inUseBytes, long peakBytes, String what) {}
