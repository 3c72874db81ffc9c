package io.timelapse.architecture.planted.bench.violation;

import io.timelapse.architecture.planted.lib.Checksums;

/** Planted violation: the benchmark library using another shared library, which the compute backend would then see. */
final class BenchUsesSharedLibrary {
    Checksums checksums = new Checksums();
}
