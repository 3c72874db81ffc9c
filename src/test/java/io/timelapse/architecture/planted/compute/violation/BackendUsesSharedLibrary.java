package io.timelapse.architecture.planted.compute.violation;

import io.timelapse.architecture.planted.lib.Checksums;

/** Planted violation: the compute backend using a shared library. */
final class BackendUsesSharedLibrary {
    Checksums checksums = new Checksums();
}
