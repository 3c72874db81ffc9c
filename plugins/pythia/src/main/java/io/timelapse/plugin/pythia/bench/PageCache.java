package io.timelapse.plugin.pythia.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Empties the kernel's page cache for cold reads. Java cannot evict one file's pages (no {@code posix_fadvise}), and
 * the kernel keeps the pages a process has mapped, so a cold read must touch rows this process never touched, right
 * after the cache was dropped through {@code /proc/sys/vm/drop_caches}, which only root may write.
 */
public final class PageCache {

    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    private PageCache() {}

    /** Why cold reads cannot be measured here, or null when they can. */
    public static String whyNotDroppable() {
        if (!Files.exists(DROP_CACHES)) {
            return DROP_CACHES + " does not exist on this system";
        }
        return Files.isWritable(DROP_CACHES) ? null : DROP_CACHES + " is not writable (run as root to measure cold reads)";
    }

    /** Drops the clean pages of the page cache; the files read were forced to disk when they were written. */
    public static void drop() throws IOException {
        Files.writeString(DROP_CACHES, "1\n");
    }
}
