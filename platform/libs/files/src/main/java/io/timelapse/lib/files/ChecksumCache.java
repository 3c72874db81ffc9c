package io.timelapse.lib.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link Sha256} of files, remembered by path, size and modification time, so that a large
 * file (a corpus, a model's weights) is read once rather than by every step that records or checks
 * it: in this process, and across processes in a cache directory. A changed file has a different
 * size or time and is hashed again.
 */
public final class ChecksumCache {

    private static final int REMEMBERED = 4096;
    /** Shared by every cache of the process, whatever its directory: one file is hashed once. */
    private static final Map<String, Sha256.Digest> IN_MEMORY = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Sha256.Digest> eldest) {
            return size() > REMEMBERED;
        }
    };

    private final Path directory;

    private ChecksumCache(Path directory) {
        this.directory = directory;
    }

    /** The user's cache: {@code -Dtimelapse.cache}, else {@code $XDG_CACHE_HOME/timelapse}, else {@code ~/.cache/timelapse}. */
    public static ChecksumCache forUser() {
        String configured = System.getProperty("timelapse.cache");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = configured != null ? Path.of(configured)
                : xdg != null ? Path.of(xdg, "timelapse") : Path.of(System.getProperty("user.home"), ".cache", "timelapse");
        return new ChecksumCache(base.resolve("checksums"));
    }

    /** A cache that keeps its entries in {@code directory}. */
    public static ChecksumCache in(Path directory) {
        return new ChecksumCache(directory);
    }

    public Sha256.Digest digest(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String stamp = attributes.size() + " " + attributes.lastModifiedTime().toMillis();
        String memoryKey = stamp + " " + absolute;
        synchronized (IN_MEMORY) {
            Sha256.Digest remembered = IN_MEMORY.get(memoryKey);
            if (remembered != null) {
                return remembered;
            }
        }
        Path entry = directory.resolve(Sha256.of(absolute.toString()));
        String cached = readQuietly(entry);
        Sha256.Digest digest;
        if (cached != null && cached.startsWith(stamp + " ")) {
            digest = new Sha256.Digest(attributes.size(), cached.substring(stamp.length() + 1).trim());
        } else {
            digest = Sha256.of(file);
            try {
                AtomicFiles.writeString(entry, stamp + " " + digest.hex() + "\n");
            } catch (IOException unwritableCache) {
                // The cache is an optimisation; a read-only home must not fail the caller.
            }
        }
        synchronized (IN_MEMORY) {
            IN_MEMORY.put(memoryKey, digest);
        }
        return digest;
    }

    private static String readQuietly(Path entry) {
        try {
            return Files.isRegularFile(entry) ? Files.readString(entry) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
