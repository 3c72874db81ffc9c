package io.timelapse.platform.runs;

import static io.timelapse.platform.runs.TestCommands.common;
import static io.timelapse.platform.runs.TestCommands.index;
import static io.timelapse.platform.runs.TestCommands.manifest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.timelapse.api.run.Run;
import io.timelapse.lib.files.ChecksumCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;

/** How a run ends: succeeded, failed with the error the user saw, or interrupted. */
class RunOutcomeTest {

    @TempDir
    Path root;

    @TempDir
    Path cache;

    private final OpenRuns openRuns = new OpenRuns();

    private RunDirectories runs() {
        return new RunDirectories(java.util.Map::of, TestCommands.CLOCK, root, ChecksumCache.in(cache), openRuns);
    }

    @Test
    void runClosedWithoutSuccessIsRecordedAsFailed() throws IOException {
        CommandSpec spec = index("--out", root.resolve("run").toString());
        runs().start(spec, common(spec)).close();
        JsonNode manifest = manifest(root.resolve("run"));
        assertEquals("failed", manifest.get("status").asText());
        assertEquals(1, manifest.get("exitCode").asInt());
    }

    @Test
    void theErrorThatEndedTheCommandIsRecordedWithItsExitCode() throws IOException {
        CommandSpec spec = index("--out", root.resolve("run").toString());
        RunDirectories runs = runs();
        runs.start(spec, common(spec)).close();
        runs.failed(spec, 1, "--data rows.npy: no such file");
        JsonNode manifest = manifest(root.resolve("run"));
        assertEquals("failed", manifest.get("status").asText());
        assertEquals(1, manifest.get("exitCode").asInt());
        assertEquals("--data rows.npy: no such file", manifest.get("error").asText());
        assertEquals(0, openRuns.open());
    }

    @Test
    void aRunLeftOpenWhenTheCommandThrowsIsClosedAsFailed() throws IOException {
        CommandSpec spec = index("--out", root.resolve("run").toString());
        RunDirectories runs = runs();
        runs.start(spec, common(spec));
        assertEquals(1, openRuns.open());
        runs.failed(spec, 2, "--rows 32:0: the range is empty");
        JsonNode manifest = manifest(root.resolve("run"));
        assertEquals("failed", manifest.get("status").asText());
        assertEquals(2, manifest.get("exitCode").asInt());
        assertFalse(manifest.get("end").isNull());
        assertEquals(0, openRuns.open(), "its shutdown hook is gone");
    }

    @Test
    void aSucceededRunKeepsItsRecordWhateverHappensAfterwards() throws IOException {
        CommandSpec spec = index("--out", root.resolve("run").toString());
        RunDirectories runs = runs();
        try (Run run = runs.start(spec, common(spec))) {
            run.succeeded();
        }
        byte[] before = Files.readAllBytes(root.resolve("run/run.json"));
        runs.failed(spec, 1, "printing the summary failed");
        assertEquals(new String(before), Files.readString(root.resolve("run/run.json")));
    }

    @Test
    void signalledRunIsMarkedInterruptedWithExitCode130AndStaysSo() throws IOException {
        CommandSpec spec = index("--out", root.resolve("run").toString());
        RunDirectories runs = runs();
        ActiveRun run = (ActiveRun) runs.start(spec, common(spec));
        run.markInterrupted();
        byte[] record = Files.readAllBytes(run.directory().resolve("run.json"));
        // What the command's own thread may still do while the JVM stops under it: the record
        // written when the run was interrupted is final.
        run.input(root.resolve("run/run.json"));
        run.seed(7);
        run.succeeded();
        run.close();
        runs.failed(spec, 1, "too late");
        assertArrayEquals(record, Files.readAllBytes(run.directory().resolve("run.json")));
        JsonNode manifest = manifest(run.directory());
        assertEquals("interrupted", manifest.get("status").asText());
        assertEquals(130, manifest.get("exitCode").asInt());
        assertTrue(manifest.get("error").isNull());
    }

    @Test
    void noShutdownHookOutlivesARunThatCouldNotBeCreated() {
        Path procfs = Path.of("/proc");
        assumeTrue(Files.isDirectory(procfs.resolve("self")), "Linux /proc, an existing directory where no file can be created");
        CommandSpec spec = index("--out", procfs.toString());
        RunDirectories runs = runs();
        assertThrows(IOException.class, () -> runs.start(spec, common(spec)));
        assertEquals(0, openRuns.open());
        assertNull(openRuns.takeLast(spec));
    }

    @Test
    void stoppingTheBundleRemovesTheHooksOfOpenRuns() throws IOException {
        CommandSpec spec = index("--out", root.resolve("run").toString());
        Run run = runs().start(spec, common(spec));
        assertEquals(1, openRuns.open());
        openRuns.stop();
        assertEquals(0, openRuns.open());
        run.close();
    }
}
