package io.timelapse.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The released API baselines are immutable: the build fails when one changes, and proves that it does. */
class BaselinesTest {

    private static final Path BASELINE = Path.of("platform", "baseline");
    private static final String JAR = "repository/io/timelapse/baseline/timelapse-x/1.0.0/timelapse-x-1.0.0.jar";
    private static final String RELEASED_SHA256 = "d29eae1372c396247daf62745d10c3513eb46f9f232b4527e0f5298e5dca5cd0";

    @TempDir
    Path temp;

    @Test
    void everyRecordedBaselineIsUnchangedAndEveryBaselineIsRecorded() throws IOException {
        assertEquals(List.of(), RecordedBaselines.read(BASELINE).problems());
    }

    @Test
    void theLocalMavenRepositoryComparesWithTheRecordedRelease() throws IOException {
        Path localRepository = Path.of(System.getProperty("timelapse.localRepository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        assertEquals(List.of(), RecordedBaselines.read(BASELINE).staleCopies(localRepository));
    }

    @Test
    void aChangedBaselineIsNamed() throws IOException {
        Path dir = plantedBaseline("re-recorded");
        assertEquals(List.of(dir.resolve(JAR) + " differs from the release recorded in SHA256SUMS:"
                + " a released baseline never changes; raise the package version instead"),
                RecordedBaselines.read(dir).problems());
    }

    @Test
    void theReleaseAsRecordedPasses() throws IOException {
        assertEquals(List.of(), RecordedBaselines.read(plantedBaseline("released")).problems());
    }

    @Test
    void aMissingBaselineIsNamed() throws IOException {
        Path dir = plantedBaseline("released");
        Files.delete(dir.resolve(JAR));
        assertEquals(List.of(dir.resolve(JAR) + " is recorded in SHA256SUMS but missing"), RecordedBaselines.read(dir).problems());
    }

    @Test
    void aBaselineNobodyRecordedIsNamed() throws IOException {
        Path dir = plantedBaseline("released");
        Path unrecorded = write(dir.resolve("repository/io/timelapse/baseline/timelapse-x/1.1.0/timelapse-x-1.1.0.jar"), "1.1.0");
        assertEquals(List.of(unrecorded + " is not in SHA256SUMS: record a released version with platform/baseline/record.sh"),
                RecordedBaselines.read(dir).problems());
    }

    @Test
    void anUnreadableChecksumLineIsNamed() throws IOException {
        Path dir = plantedBaseline("released");
        Files.writeString(dir.resolve("SHA256SUMS"), "not a checksum\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        assertEquals(List.of(dir.resolve("SHA256SUMS") + " line 2: expected a SHA-256 in hex, two spaces and a path under repository/"),
                RecordedBaselines.read(dir).problems());
    }

    @Test
    void aStaleCopyInTheLocalRepositoryIsNamed() throws IOException {
        Path dir = plantedBaseline("released");
        Path localRepository = temp.resolve("m2");
        Path copy = write(localRepository.resolve(JAR.substring("repository/".length())), "re-recorded");
        assertEquals(List.of(copy + " is not the released baseline recorded in " + dir.resolve("SHA256SUMS")
                + ": delete it (or, offline, copy " + dir.resolve(JAR) + " over it) and build again"),
                RecordedBaselines.read(dir).staleCopies(localRepository));
        write(copy, "released");
        assertEquals(List.of(), RecordedBaselines.read(dir).staleCopies(localRepository));
    }

    /** A baseline directory whose one jar was recorded with the content "released" and now holds {@code content}. */
    private Path plantedBaseline(String content) throws IOException {
        Path dir = temp.resolve("baseline");
        write(dir.resolve("SHA256SUMS"), RELEASED_SHA256 + "  " + JAR + "\n");
        write(dir.resolve(JAR), content);
        return dir;
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
