package io.timelapse.lib.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesTheContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("result.txt");
        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second");
        assertEquals("second", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of(target), Set.copyOf(files.toList()));
        }
    }

    @Test
    void resultFilesGetThePermissionsOfAnyNewFileNotPrivateOnes() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Set<PosixFilePermission> plain = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain.txt")));
        assumeTrue(plain.contains(PosixFilePermission.GROUP_READ), "the umask lets others read new files (022)");

        Path target = dir.resolve("result.txt");
        AtomicFiles.writeString(target, "shared with colleagues");

        assertEquals(plain, Files.getPosixFilePermissions(target), "the umask decides, as for a plain file (0644 under 022)");
    }

    @Test
    void anErrorNamesTheTargetNotTheTemporaryFile() {
        Path procfs = Path.of("/proc");
        assumeTrue(Files.isDirectory(procfs.resolve("self")), "Linux /proc, where no file can be created");
        Path target = procfs.resolve("results.json");

        NoSuchFileException error = assertThrows(NoSuchFileException.class, () -> AtomicFiles.writeString(target, "{}"));

        assertEquals(target.toString(), error.getFile());
        assertFalse(error.getMessage().contains(".tmp"), error.getMessage());
        assertTrue(error.getCause() instanceof NoSuchFileException, "the original error is kept as the cause");
    }
}
