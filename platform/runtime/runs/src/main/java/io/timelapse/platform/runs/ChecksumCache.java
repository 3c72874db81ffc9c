package io.timelapse.platform.runs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import io.timelapse.lib.files.AtomicFiles;

/**
 * Remembers the sha256 of large input files by path, size and modification time, so a command that
 * reads a few rows of a 1.5 GB corpus does not re-hash all of it on every run. A changed file has a
 * different size or time and is hashed again.
 */
final class ChecksumCache {

    private final Path directory;

    private ChecksumCache(Path directory) {
        this.directory = directory;
    }

    /** The user's cache: {@code -Dtimelapse.cache}, else {@code $XDG_CACHE_HOME/timelapse}, else {@code ~/.cache/timelapse}. */
    static ChecksumCache forUser() {
        String configured = System.getProperty("timelapse.cache");
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = configured != null ? Path.of(configured)
                : xdg != null ? Path.of(xdg, "timelapse") : Path.of(System.getProperty("user.home"), ".cache", "timelapse");
        return new ChecksumCache(base.resolve("checksums"));
    }

    static ChecksumCache in(Path directory) {
        return new ChecksumCache(directory);
    }

    Sha256.Digest digest(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        String stamp = attributes.size() + " " + attributes.lastModifiedTime().toMillis();
        Path entry = directory.resolve(key(file));
        String cached = readQuietly(entry);
        if (cached != null && cached.startsWith(stamp + " ")) {
            return new Sha256.Digest(attributes.size(), cached.substring(stamp.length() + 1).trim());
        }
        Sha256.Digest digest = Sha256.of(file);
        try {
            AtomicFiles.writeString(entry, stamp + " " + digest.hex() + "\n");
        } catch (IOException unwritableCache) {
            // The cache is an optimisation; a read-only home must not fail the run.
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

    private static String key(Path file) {
        try {
            byte[] path = file.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(path));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
