package io.timelapse.platform.runs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The sha256 of an input file, streamed so that files of any size can be hashed. */
final class Sha256 {

    record Digest(long bytes, String hex) {}

    private Sha256() {}

    static Digest of(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new FileSystemException(file.toString(), null, "is a directory, not a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 20];
        long total = 0;
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                total += n;
            }
        }
        return new Digest(total, HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
