package io.timelapse.architecture.planted.api.violation;

import io.timelapse.architecture.planted.lib.Checksums;

/** Planted violation: the API depending on a shared library. */
public interface LeaksSharedLibrary {
    Checksums checksums();
}
