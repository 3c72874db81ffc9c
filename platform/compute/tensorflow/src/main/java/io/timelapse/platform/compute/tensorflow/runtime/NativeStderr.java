package io.timelapse.platform.compute.tensorflow.runtime;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Captures what native code writes to the C library's {@code stderr} stream while a piece of work
 * runs. TensorFlow logs through two copies of Abseil and through its own logger, all of them with
 * {@code fprintf(stderr, …)}; environment variables silence only the last. Java 17 offers no
 * {@code dup2}, so the capture points the stream itself at a temporary file: glibc keeps a stream's
 * descriptor in {@code FILE._fileno} (offset 112 on 64-bit Linux), which is only changed after the
 * stream's magic number and descriptor 2 have been read there. Java's own {@code System.err} writes to
 * descriptor 2 directly and is not affected; neither is anything written after the work ends. When the
 * work fails, what was captured goes to stderr after all.
 */
final class NativeStderr {

    /** What the work returned, and what native code wrote to stderr meanwhile (empty when not captured). */
    record Captured<T>(T value, String text) {}

    private static final int FILENO_INDEX = 112 / Integer.BYTES;
    private static final int IO_MAGIC = 0xFBAD0000;
    private static final int IO_MAGIC_MASK = 0xFFFF0000;
    private static final int STDERR_FD = 2;

    private NativeStderr() {}

    static <T> Captured<T> capture(Supplier<T> work) {
        IntPointer stream = stderrStream();
        Path file = stream == null ? null : temporaryFile();
        if (file == null) {
            return new Captured<>(work.get(), "");
        }
        try (RandomAccessFile sink = new RandomAccessFile(file.toFile(), "rw")) {
            int fd = descriptorOf(file);
            if (fd < 0) {
                return new Captured<>(work.get(), "");
            }
            T value;
            stream.put(FILENO_INDEX, fd);
            try {
                value = work.get();
            } catch (RuntimeException | Error failure) {
                stream.put(FILENO_INDEX, STDERR_FD);
                System.err.print(contents(sink));
                throw failure;
            }
            stream.put(FILENO_INDEX, STDERR_FD);
            return new Captured<>(value, contents(sink));
        } catch (IOException e) {
            throw new UncheckedIOException("TensorFlow's start-up log in " + file + ": " + e.getMessage(), e);
        } finally {
            file.toFile().delete();
        }
    }

    private static String contents(RandomAccessFile file) throws IOException {
        byte[] bytes = new byte[Math.toIntExact(file.length())];
        file.seek(0);
        file.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** glibc's {@code stderr} stream as ints, or null where it cannot be recognised. */
    private static IntPointer stderrStream() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")
                || !System.getProperty("os.arch", "").equals("amd64")) {
            return null;
        }
        try {
            Pointer variable = Loader.addressof("stderr");
            if (variable == null || variable.isNull()) {
                return null;
            }
            Pointer file = new PointerPointer<>(variable).get(0);
            if (file == null || file.isNull()) {
                return null;
            }
            IntPointer stream = new IntPointer(file);
            boolean glibcStream = (stream.get(0) & IO_MAGIC_MASK) == IO_MAGIC && stream.get(FILENO_INDEX) == STDERR_FD;
            return glibcStream ? stream : null;
        } catch (RuntimeException | UnsatisfiedLinkError notAvailable) {
            return null;
        }
    }

    private static Path temporaryFile() {
        try {
            return Files.createTempFile("timelapse-tensorflow-", ".log");
        } catch (IOException noTemporaryDirectory) {
            return null;
        }
    }

    /** The descriptor this process holds open on {@code file}, found in /proc/self/fd; -1 when none is. */
    private static int descriptorOf(Path file) throws IOException {
        Path target = file.toRealPath();
        Path proc = Path.of("/proc/self/fd");
        if (!Files.isDirectory(proc)) {
            return -1;
        }
        try (Stream<Path> descriptors = Files.list(proc)) {
            for (Path descriptor : (Iterable<Path>) descriptors::iterator) {
                try {
                    if (Files.readSymbolicLink(descriptor).equals(target)) {
                        return Integer.parseInt(descriptor.getFileName().toString());
                    }
                } catch (IOException | NumberFormatException closedMeanwhile) {
                    // the descriptor the listing itself used, or one closed since
                }
            }
        }
        return -1;
    }
}
