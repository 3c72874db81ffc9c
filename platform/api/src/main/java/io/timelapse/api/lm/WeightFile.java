package io.timelapse.api.lm;

import java.nio.file.Path;

/** A weight file a model was loaded from, with its sha256 (hex) and size, for provenance. */
public record WeightFile(Path path, String sha256, long bytes) {}
