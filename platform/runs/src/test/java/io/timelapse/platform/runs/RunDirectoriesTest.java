package io.timelapse.platform.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.run.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

class RunDirectoriesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path cacheRoot;

    @TempDir
    Path root;

    private static ChecksumCache checksumsIn(String name) {
        return ChecksumCache.in(cacheRoot.resolve(name));
    }

    @Command(name = "index")
    static final class IndexCommand {
        @Mixin
        CommonOptions common;

        @Option(names = "--seq-length", defaultValue = "2048")
        int seqLength;

        @Option(names = "--split")
        String split;
    }

    @Command(name = "pythia")
    static final class PluginGroup {}

    @Command(name = "timelapse")
    static final class Root {}

    private final RunDirectories runs = new RunDirectories(
            () -> Map.of("timelapse", "1.0.0", "plugins", Map.of("pythia", "0.1.0")), CLOCK, null, checksumsIn("cache"));

    /** Parses {@code timelapse pythia index ARGS} and returns the parsed command's specification. */
    private static CommandSpec parse(String... args) {
        IndexCommand command = new IndexCommand();
        CommandLine root = tree(command);
        root.parseArgs(Stream.concat(Stream.of("pythia", "index"), Stream.of(args)).toArray(String[]::new));
        return root.getSubcommands().get("pythia").getSubcommands().get("index").getCommandSpec();
    }

    private static CommonOptions common(CommandSpec spec) {
        return ((IndexCommand) spec.userObject()).common;
    }

    private RunDirectories runsUnder(Path defaultRoot) {
        return new RunDirectories(() -> Map.of("timelapse", "1.0.0"), CLOCK, defaultRoot, checksumsIn("cache"));
    }

    @Test
    void defaultDirectoryIsNamedByTimeStampPluginAndCommand() throws IOException {
        CommandSpec spec = parse();
        RunDirectories underRoot = runsUnder(root);
        try (Run first = underRoot.start(spec, common(spec));
             Run second = underRoot.start(spec, common(spec))) {
            assertEquals(root.resolve("20260304-050607-pythia-index"), first.directory());
            assertEquals(root.resolve("20260304-050607-pythia-index-2"), second.directory());
        }
    }

    @Test
    void manifestRecordsCommandLineResolvedConfigurationSeedAndVersions() throws IOException {
        CommandSpec spec = parse("--seq-length", "64", "--seed", "1234", "--out", root.resolve("run").toString());
        try (Run run = runs.start(spec, common(spec))) {
            JsonNode manifest = manifest(run.directory());
            assertEquals("running", manifest.get("status").asText());
            assertEquals("pythia", manifest.get("plugin").asText());
            assertEquals("index", manifest.get("command").asText());
            assertEquals("[\"timelapse\",\"pythia\",\"index\",\"--seq-length\",\"64\",\"--seed\",\"1234\",\"--out\",\"" + root.resolve("run") + "\"]",
                    manifest.get("commandLine").toString());
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
    void outNamingAResultFileLeavesTheRunInTheDefaultDirectory() throws IOException {
        CommandSpec spec = parse("--out", root.resolve("samples.npy").toString());
        try (Run run = runsUnder(root).startInDefaultDirectory(spec, common(spec))) {
            assertEquals(root.resolve("20260304-050607-pythia-index"), run.directory());
        }
    }

    @Test
    void inputsAreRecordedWithTheirSha256() throws IOException {
        CommandSpec spec = parse("--out", root.resolve("run").toString());
        Path input = Files.writeString(root.resolve("input.txt"), "abc");
        try (Run run = runs.start(spec, common(spec))) {
            run.input(input);
            JsonNode recorded = manifest(run.directory()).get("inputs").get(0);
            assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", recorded.get("sha256").asText());
            assertEquals(3, recorded.get("bytes").asLong());
            assertThrows(NoSuchFileException.class, () -> run.input(root.resolve("missing.bin")));
        }
    }

    @Test
    void cachedChecksumIsReusedUntilTheFileChanges() throws IOException {
        ChecksumCache cache = ChecksumCache.in(root.resolve("checksums"));
        Path input = Files.writeString(root.resolve("corpus.bin"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", cache.digest(input).hex());
        try (Stream<Path> entries = Files.list(root.resolve("checksums"))) {
            Path entry = entries.findFirst().orElseThrow();
            String stamp = Files.readString(entry).split(" ")[0] + " " + Files.readString(entry).split(" ")[1];
            Files.writeString(entry, stamp + " cached-value\n");
        }
        assertEquals("cached-value", cache.digest(input).hex(), "an unchanged file is not hashed again");
        Files.writeString(input, "abcd");
        assertEquals("88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589", cache.digest(input).hex());
    }

    @Test
    void succeededRunRecordsResultsAndEnd() throws IOException {
        CommandSpec spec = parse("--out", root.resolve("run").toString());
        Path directory;
        try (Run run = runs.start(spec, common(spec))) {
            directory = run.directory();
            run.write("result.txt", out -> out.write("42".getBytes(StandardCharsets.UTF_8)));
            run.result("answer", 42);
            run.device("CPU (2 threads)");
            run.succeeded();
        }
        JsonNode manifest = manifest(directory);
        assertEquals("succeeded", manifest.get("status").asText());
        assertEquals(0, manifest.get("exitCode").asInt());
        assertEquals(42, manifest.get("results").get("answer").asInt());
        assertEquals("CPU (2 threads)", manifest.get("device").asText());
        assertEquals("2026-03-04T05:06:07Z", manifest.get("end").asText());
        assertEquals("42", Files.readString(directory.resolve("result.txt")));
        try (Stream<Path> files = Files.list(directory)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary files are left behind");
        }
    }

    @Test
    void runClosedWithoutSuccessIsRecordedAsFailed() throws IOException {
        CommandSpec spec = parse("--out", root.resolve("run").toString());
        Path directory;
        try (Run run = runs.start(spec, common(spec))) {
            directory = run.directory();
        }
        JsonNode manifest = manifest(directory);
        assertEquals("failed", manifest.get("status").asText());
        assertEquals(1, manifest.get("exitCode").asInt());
    }

    @Test
    void signalledRunIsMarkedInterruptedAndStaysSo() throws IOException {
        CommandSpec spec = parse("--out", root.resolve("run").toString());
        ActiveRun run = (ActiveRun) runs.start(spec, common(spec));
        run.markInterrupted();
        run.succeeded();
        run.close();
        assertEquals("interrupted", manifest(run.directory()).get("status").asText());
    }

    @Test
    void outPathThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(root.resolve("occupied"), "x");
        CommandSpec spec = parse("--out", file.toString());
        IOException error = assertThrows(IOException.class, () -> runs.start(spec, common(spec)));
        assertTrue(error.getMessage().contains("exists and is not a directory"), error.getMessage());
    }

    /** The same shape as the real command tree: timelapse, then the plugin, then its command. */
    private static CommandLine tree(IndexCommand command) {
        CommandLine plugin = new CommandLine(new PluginGroup()).addSubcommand(new CommandLine(command));
        return new CommandLine(new Root()).addSubcommand(plugin);
    }


    private static JsonNode manifest(Path directory) throws IOException {
        return JSON.readTree(directory.resolve("run.json").toFile());
    }
}
