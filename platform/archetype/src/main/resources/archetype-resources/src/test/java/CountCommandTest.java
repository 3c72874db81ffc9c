package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code timelapse ${pluginId} count} as the command line would, with real run directories. */
class CountCommandTest {

    @TempDir
    Path tmp;

    private CommandTester.Result count(String... args) {
        CommandTester tester = new CommandTester(tmp.resolve("runs"));
        return tester.execute("${pluginId}", new CountCommand(tester.runs()), args);
    }

    @Test
    void countsTheLinesAndRecordsTheFileAsAnInput() throws IOException {
        Path poem = Files.writeString(tmp.resolve("poem.txt"), "one\ntwo\nthree\n");
        Path out = tmp.resolve("run");

        CommandTester.Result result = count(poem.toString(), "--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertEquals(poem + ": 3 lines\n", result.out());
        assertEquals("3\n", Files.readString(out.resolve("count.txt")));
        String manifest = Files.readString(out.resolve("run.json"));
        assertTrue(manifest.contains("\"status\" : \"succeeded\""), manifest);
        assertTrue(manifest.contains("\"lines\" : 3"), manifest);
        assertTrue(manifest.contains("\"sha256\" : \"b6285c57e8797db5d4c51c80d6f11938afda9b11c6a003549709189e9b4b92a2\""), manifest);
    }

    @Test
    void aMissingFileIsAUsageErrorThatLeavesNoRunBehind() {
        Path out = tmp.resolve("run");

        CommandTester.Result result = count(tmp.resolve("nope.txt").toString(), "--out", out.toString());

        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("error: FILE " + tmp.resolve("nope.txt") + ": no such file"), result.err());
        assertFalse(result.stackTrace(), result.err());
        assertFalse(Files.exists(out) || Files.exists(tmp.resolve("runs")), "a run directory was left behind");
    }

    @Test
    void aFolderIsAUsageError() {
        CommandTester.Result result = count(tmp.toString());

        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().contains("error: FILE " + tmp + ": is a folder, not a file"), result.err());
        assertFalse(result.stackTrace(), result.err());
        assertFalse(Files.exists(tmp.resolve("runs")), "a run directory was left behind");
    }
}
