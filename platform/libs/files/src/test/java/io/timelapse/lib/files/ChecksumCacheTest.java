package io.timelapse.lib.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumCacheTest {

    // sha256sum of the three bytes "abc" and of the four bytes "abcd" (FIPS 180-2 and coreutils).
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static final String ABCD = "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589";

    @TempDir
    Path root;

    @Test
    void hashesFilesAndStrings() throws IOException {
        Path file = Files.writeString(root.resolve("input.txt"), "abc");
        assertEquals(new Sha256.Digest(3, ABC), Sha256.of(file));
        assertEquals(ABC, Sha256.of("abc"));
        assertThrows(NoSuchFileException.class, () -> Sha256.of(root.resolve("missing.bin")));
        FileSystemException directory = assertThrows(FileSystemException.class, () -> Sha256.of(root));
        assertEquals("is a directory, not a file", directory.getReason());
    }

    @Test
    void anUnchangedFileIsReadOnce() throws IOException {
        ChecksumCache checksums = ChecksumCache.in(root.resolve("checksums"));
        Path file = Files.writeString(root.resolve("weights.bin"), "abc");
        FileTime written = Files.getLastModifiedTime(file);
        assertEquals(ABC, checksums.digest(file).hex());
        // Same size and time, other bytes: only a cache answers with the old digest.
        Files.writeString(file, "xyz");
        Files.setLastModifiedTime(file, written);
        assertEquals(ABC, checksums.digest(file).hex(), "the same cache");
        assertEquals(ABC, ChecksumCache.in(root.resolve("elsewhere")).digest(file).hex(), "another cache of this process");
        Files.writeString(file, "abcd");
        assertEquals(new Sha256.Digest(4, ABCD), checksums.digest(file), "a changed file is hashed again");
    }

    @Test
    void aDigestAnotherProcessRecordedIsReused() throws IOException {
        Path cache = root.resolve("checksums");
        Path file = Files.writeString(root.resolve("corpus.bin"), "abc");
        long millis = Files.getLastModifiedTime(file).toMillis();
        Path entry = cache.resolve(Sha256.of(file.toAbsolutePath().normalize().toString()));
        AtomicFiles.writeString(entry, "3 " + millis + " recorded-by-another-process\n");
        assertEquals("recorded-by-another-process", ChecksumCache.in(cache).digest(file).hex());
        Files.writeString(file, "abcd");
        assertEquals(ABCD, ChecksumCache.in(cache).digest(file).hex());
        assertEquals("4 " + Files.getLastModifiedTime(file).toMillis() + " " + ABCD + "\n", Files.readString(entry));
    }

    @Test
    void anUnwritableCacheOnlyCostsTime() throws IOException {
        Path notADirectory = Files.writeString(root.resolve("cache"), "a file where the cache would be");
        Path file = Files.writeString(root.resolve("data.bin"), "abcd");
        assertEquals(ABCD, ChecksumCache.in(notADirectory).digest(file).hex());
    }
}
