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
import io.timelapse.lib.files.ChecksumCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

class RunDirectoriesTest {

    @TempDir
    Path root;

    @TempDir
    Path cache;

    private RunDirectories runs() {
        return TestCommands.runs(root, cache);
    }

    @Test
    void defaultDirectoryIsNamedByTimeStampPluginAndCommand() throws IOException {
        CommandSpec spec = index();
        RunDirectories underRoot = runs();
        try (Run first = underRoot.start(spec, common(spec));
             Run second = underRoot.start(spec, common(spec))) {
            assertEquals(root.resolve("20260304-050607-pythia-index"), first.directory());
            assertEquals(root.resolve("20260304-050607-pythia-index-2"), second.directory());
        }
    }

    @Test
    void manifestRecordsCommandLineResolvedConfigurationSeedAndVersions() throws IOException {
        CommandSpec spec = index("--seq-length", "64", "--seed", "1234", "--out", root.resolve("run").toString());
        try (Run run = runs().start(spec, common(spec))) {
            JsonNode manifest = manifest(run.directory());
            assertEquals("running", manifest.get("status").asText());
            assertEquals("pythia", manifest.get("plugin").asText());
            assertEquals("index", manifest.get("command").asText());
            assertEquals("[\"timelapse\",\"pythia\",\"index\",\"--seq-length\",\"64\",\"--seed\",\"1234\",\"--out\",\"" + root.resolve("run") + "\"]",
                    manifest.get("commandLine").toString());
            assertFalse(manifest.has("invokedAs"), "the user typed the command line that ran");
            assertEquals(64, manifest.get("config").get("seq-length").asInt());
            assertEquals(root.resolve("run").toString(), manifest.get("config").get("out").asText(), "paths are recorded as text");
            assertTrue(manifest.get("config").get("split").isNull(), "unset options are recorded as null");
            assertEquals(1234, manifest.get("seed").asLong());
            assertEquals(1234, run.seed());
            run.seed(99);
            assertEquals(99, manifest(run.directory()).get("seed").asLong());
            assertEquals("0.1.0", manifest.get("versions").get("plugins").get("pythia").asText());
            assertEquals("2026-03-04T05:06:07Z", manifest.get("start").asText());
            assertTrue(manifest.get("end").isNull());
        }
    }

    @Test
    void aCommandThatNeverSaysWhatItComputesOnClaimsNoDevice() throws IOException {
        CommandSpec spec = index("--out", root.resolve("run").toString());
        try (Run run = runs().start(spec, common(spec))) {
            run.succeeded();
        }
        assertTrue(manifest(root.resolve("run")).get("device").isNull());
    }

    @Test
    void outNamingAResultFileLeavesTheRunInTheDefaultDirectory() throws IOException {
        CommandSpec spec = index("--out", root.resolve("samples.npy").toString());
        try (Run run = runs().startInDefaultDirectory(spec, common(spec))) {
            assertEquals(root.resolve("20260304-050607-pythia-index"), run.directory());
        }
    }

    @Test
    void inputsAreRecordedWithTheirSha256() throws IOException {
        CommandSpec spec = index("--out", root.resolve("run").toString());
        Path input = Files.writeString(root.resolve("input.txt"), "abc");
        try (Run run = runs().start(spec, common(spec))) {
            run.input(input);
            JsonNode recorded = manifest(run.directory()).get("inputs").get(0);
            assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", recorded.get("sha256").asText());
            assertEquals(3, recorded.get("bytes").asLong());
            assertThrows(NoSuchFileException.class, () -> run.input(root.resolve("missing.bin")));
            FileSystemException directory = assertThrows(FileSystemException.class, () -> run.input(root));
            assertEquals("is a directory, not a file", directory.getReason());
        }
    }

    @Test
    void succeededRunRecordsResultsAndEnd() throws IOException {
        CommandSpec spec = index("--out", root.resolve("run").toString());
        Path directory;
        try (Run run = runs().start(spec, common(spec))) {
            directory = run.directory();
            run.write("result.txt", out -> out.write("42".getBytes(StandardCharsets.UTF_8)));
            run.result("answer", 42);
            run.device("CPU (2 threads)");
            run.succeeded();
        }
        JsonNode manifest = manifest(directory);
        assertEquals("succeeded", manifest.get("status").asText());
        assertEquals(0, manifest.get("exitCode").asInt());
        assertTrue(manifest.get("error").isNull());
        assertEquals(42, manifest.get("results").get("answer").asInt());
        assertEquals("CPU (2 threads)", manifest.get("device").asText());
        assertEquals("2026-03-04T05:06:07Z", manifest.get("end").asText());
        assertEquals("42", Files.readString(directory.resolve("result.txt")));
        try (Stream<Path> files = Files.list(directory)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary files are left behind");
        }
    }

    @Test
    void outHoldingAFinishedRunOfAnyCommandIsRefusedAndLeftAsItWas() throws IOException {
        Path out = root.resolve("run");
        CommandSpec first = index("--out", out.toString());
        try (Run run = runs().start(first, common(first))) {
            run.succeeded();
        }
        byte[] before = Files.readAllBytes(out.resolve("run.json"));

        for (CommandSpec again : new CommandSpec[] {index("--out", out.toString()), info("--out", out.toString())}) {
            ParameterException refused = assertThrows(ParameterException.class, () -> runs().start(again, common(again)));
            assertEquals("--out " + out + " holds a finished run of 'pythia index' (succeeded at 2026-03-04T05:06:07Z); "
                    + "give another --out, or delete that directory to run again", refused.getMessage());
        }
        assertArrayEquals(before, Files.readAllBytes(out.resolve("run.json")));
    }

    @Test
    void outHoldingAFailedRunIsReused() throws IOException {
        Path out = root.resolve("run");
        CommandSpec first = index("--out", out.toString());
        runs().start(first, common(first)).close();
        assertEquals("failed", manifest(out).get("status").asText());

        CommandSpec second = info("--out", out.toString());
        try (Run run = runs().start(second, common(second))) {
            run.succeeded();
        }
        assertEquals("info", manifest(out).get("command").asText());
        assertEquals("succeeded", manifest(out).get("status").asText());
    }

    @Test
    void outPathThatIsAFileIsAUsageError() throws IOException {
        Path file = Files.writeString(root.resolve("occupied"), "x");
        CommandSpec spec = index("--out", file.toString());
        ParameterException error = assertThrows(ParameterException.class, () -> runs().start(spec, common(spec)));
        assertEquals("--out " + file + ": not a directory", error.getMessage());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void outHoldingSomethingElseCalledRunJsonIsRefused() throws IOException {
        Path out = Files.createDirectories(root.resolve("notes"));
        Files.writeString(out.resolve("run.json"), "my own notes");
        CommandSpec spec = index("--out", out.toString());
        ParameterException error = assertThrows(ParameterException.class, () -> runs().start(spec, common(spec)));
        assertTrue(error.getMessage().startsWith("--out " + out + " holds a run.json that is not readable"), error.getMessage());
        assertEquals("my own notes", Files.readString(out.resolve("run.json")));
    }
}
