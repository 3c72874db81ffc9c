package io.timelapse.lib.files;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Writes files atomically: the content goes to a temporary file in the same directory, is forced
 * to disk, and is then renamed over the target. A crash leaves either the old file or the new one,
 * never a torn mix. The file gets the permissions any new file gets (the umask decides), and an
 * error names the target, never the temporary file.
 */
public final class AtomicFiles {

    /** Produces a file's content into a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp;
        FileChannel channel;
        try {
            tmp = dir.resolve("." + target.getFileName() + "." + HexFormat.of().toHexDigits(RANDOM.nextLong()) + ".tmp");
            // Not Files.createTempFile: it makes the file private (0600) whatever the umask says.
            channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileSystemException e) {
            throw naming(target, e);
        }
        try {
            try (channel) {
                OutputStream out = Channels.newOutputStream(channel);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                move(tmp, target);
            } catch (FileSystemException e) {
                throw tmp.toString().equals(e.getFile()) ? naming(target, e) : e;
            }
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    public static void writeString(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The same error about {@code target} instead of the temporary file, which the caller never named. */
    private static FileSystemException naming(Path target, FileSystemException e) {
        String file = target.toString();
        FileSystemException renamed;
        if (e instanceof NoSuchFileException) {
            renamed = new NoSuchFileException(file, null, e.getReason());
        } else if (e instanceof AccessDeniedException) {
            renamed = new AccessDeniedException(file, null, e.getReason());
        } else if (e instanceof NotDirectoryException) {
            renamed = new NotDirectoryException(file);
        } else if (e instanceof FileAlreadyExistsException) {
            renamed = new FileAlreadyExistsException(file, null, e.getReason());
        } else {
            renamed = new FileSystemException(file, null, e.getReason());
        }
        renamed.initCause(e);
        return renamed;
    }

    /** Makes the rename itself durable; not every file system lets a directory be opened. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Durability of the directory entry is best effort where the platform refuses it.
        }
    }
}
