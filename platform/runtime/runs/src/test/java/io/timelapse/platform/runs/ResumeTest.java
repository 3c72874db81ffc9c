package io.timelapse.platform.runs;

import static io.timelapse.platform.runs.TestCommands.common;
import static io.timelapse.platform.runs.TestCommands.index;
import static io.timelapse.platform.runs.TestCommands.info;
import static io.timelapse.platform.runs.TestCommands.manifest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.timelapse.api.run.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

class ResumeTest {

    @TempDir
    Path root;

    @TempDir
    Path cache;

    private Path out;

    private RunDirectories runs() {
        return TestCommands.runs(root, cache);
    }

    /** A run of {@code pythia index ARGS --out run} that ends as {@code succeed} says. */
    private void firstRun(boolean succeed, String... args) throws IOException {
        out = root.resolve("run");
        CommandSpec spec = index(with(args, "--out", out.toString()));
        try (Run run = runs().start(spec, common(spec))) {
            run.result("steps_done", 40);
            if (succeed) {
                run.succeeded();
            }
        }
    }

    private static String[] with(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    @Test
    void anInterruptedRunOfTheSameCommandAndOptionsIsReopened() throws IOException {
        firstRun(false, "--seq-length", "64");
        CommandSpec spec = index("--seq-length", "64", "--out", out.toString(), "--quiet", "--log-level", "DEBUG");
        try (Run run = runs().resume(spec, common(spec))) {
            assertFalse(run.complete());
            assertEquals(out, run.directory());
            assertEquals(Map.of("steps_done", 40), run.results(), "the earlier run's results so far");
            run.result("steps_done", 60);
            run.succeeded();
        }
        JsonNode manifest = manifest(out);
        assertEquals("succeeded", manifest.get("status").asText());
        assertEquals(60, manifest.get("results").get("steps_done").asInt());
        assertEquals("[\"2026-03-04T05:06:07Z\"]", manifest.get("resumes").toString());
    }

    @Test
    void aFinishedRunIsCompleteAndClosingItChangesNothing() throws IOException {
        firstRun(true, "--seq-length", "64");
        byte[] before = Files.readAllBytes(out.resolve("run.json"));
        CommandSpec spec = index("--seq-length", "64", "--out", out.toString());
        try (Run run = runs().resume(spec, common(spec))) {
            assertTrue(run.complete());
            assertEquals(40, run.results().get("steps_done"));
            run.result("steps_done", 99);
            run.device("GPU:0");
            run.succeeded();
            assertThrows(IllegalStateException.class, () -> run.write("x.txt", o -> o.write("x".getBytes(StandardCharsets.UTF_8))));
        }
        assertArrayEquals(before, Files.readAllBytes(out.resolve("run.json")));
        assertFalse(Files.exists(out.resolve("x.txt")));
    }

    @Test
    void changedOptionsAreRefusedByNameWithOldAndNewValues() throws IOException {
        firstRun(true, "--seq-length", "64");
        byte[] before = Files.readAllBytes(out.resolve("run.json"));
        CommandSpec spec = index("--seq-length", "128", "--split", "969,30,1", "--out", out.toString());
        ParameterException refused = assertThrows(ParameterException.class, () -> runs().resume(spec, common(spec)));
        assertEquals("--out " + out + " holds a run of 'pythia index' with --seq-length 64, --split (not given); "
                + "this command line has --seq-length 128, --split 969,30,1: "
                + "give another --out for a new run, or the same options to resume it", refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("run.json")));
    }

    @Test
    void aChangedSeedIsAChangedOption() throws IOException {
        firstRun(false);
        CommandSpec spec = index("--seed", "7", "--out", out.toString());
        ParameterException refused = assertThrows(ParameterException.class, () -> runs().resume(spec, common(spec)));
        assertTrue(refused.getMessage().contains("with --seed 0; this command line has --seed 7"), refused.getMessage());
    }

    @Test
    void aRunOfAnotherCommandIsRefused() throws IOException {
        firstRun(false);
        byte[] before = Files.readAllBytes(out.resolve("run.json"));
        CommandSpec spec = info("--out", out.toString());
        ParameterException refused = assertThrows(ParameterException.class, () -> runs().resume(spec, common(spec)));
        assertEquals("--out " + out + " holds a run of 'pythia index' (failed at 2026-03-04T05:06:07Z), not one of 'pythia info'; "
                + "give another --out", refused.getMessage());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("run.json")));
    }

    @Test
    void anEmptyOrNewOutStartsAFreshRun() throws IOException {
        Path fresh = root.resolve("fresh");
        CommandSpec spec = index("--out", fresh.toString());
        try (Run run = runs().resume(spec, common(spec))) {
            assertFalse(run.complete());
            assertTrue(run.results().isEmpty());
        }
        assertFalse(manifest(fresh).has("resumes"));
    }
}
