package io.timelapse.distribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the real Felix with the real built bundles through {@code bin/timelapse}, next to a working
 * plugin (the hello example), a plugin that cannot resolve, and a plain jar that is no bundle.
 */
class DistributionIT {

    private static final Path HELLO_PLUGINS = Path.of(System.getProperty("timelapse.itPlugins"));

    @TempDir
    static Path work;
    private static Path plugins;

    @BeforeAll
    static void composePluginFolder() throws IOException {
        plugins = Files.createDirectories(work.resolve("plugins"));
        try (var jars = Files.list(HELLO_PLUGINS)) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        writeBrokenPlugin(plugins.resolve("broken-plugin.jar"));
        writePlainJar(plugins.resolve("plain-library.jar"));
    }

    private static Timelapse.Result timelapse(String... args) throws IOException, InterruptedException {
        return Timelapse.run(work, args);
    }

    private static Timelapse.Result hello(String... args) throws IOException, InterruptedException {
        String[] line = new String[args.length + 2];
        line[0] = "--plugins";
        line[1] = plugins.toString();
        System.arraycopy(args, 0, line, 2, args.length);
        return timelapse(line);
    }

    /** A usage error: exit 2, the message, one line pointing at help, no usage text, no stack trace. */
    private static void assertUsageError(Timelapse.Result result, String message, String command) {
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("error: " + message), result.toString());
        assertTrue(result.stderr().endsWith("Try '" + command + " --help' for more information.\n"), result.toString());
        assertFalse(result.stderr().contains("Usage:"), result.toString());
        assertFalse(result.stackTrace(), result.toString());
    }

    @Test
    void contributedCommandRunsWhileBrokenPluginIsReportedByName() throws Exception {
        Path out = work.resolve("greet-run");
        Timelapse.Result result = hello("hello", "greet", "--name", "Felix", "--out", out.toString());

        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("Hello, Felix!"), result.toString());
        assertTrue(result.stderr().contains("plugin broken 0.3.0 is not available: needs io.timelapse.api.run [2.0,3.0), "
                + "the platform provides 1.1.0"), result.toString());
        assertTrue(result.stderr().contains("plain-library.jar: refused: not an OSGi bundle"), result.toString());
        String manifest = Files.readString(out.resolve("run.json"));
        assertTrue(manifest.contains("\"status\" : \"succeeded\""), manifest);
        assertTrue(manifest.contains("\"hello\" : \"0.1.0\""), manifest);
        assertTrue(manifest.contains("\"device\" : null"), "greeting computes nothing, so it claims no device: " + manifest);
        assertEquals("Hello, Felix!\n", Files.readString(out.resolve("greeting.txt")));
    }

    @Test
    void pluginsBenchmarksSitInTheSharedBenchGroup() throws Exception {
        Timelapse.Result bench = timelapse("bench", "--help");
        assertEquals(0, bench.exitCode(), bench.toString());
        for (String name : new String[] {"mlp", "lm", "compute", "dsb", "openfold-data", "all"}) {
            assertTrue(bench.stdout().lines().anyMatch(line -> line.strip().startsWith(name + " ")), name + ": " + bench);
        }
        Timelapse.Result dsbBench = timelapse("bench", "dsb", "--help");
        assertEquals(0, dsbBench.exitCode(), dsbBench.toString());
        assertTrue(dsbBench.stdout().contains("Usage: timelapse bench dsb"), dsbBench.toString());
        Timelapse.Result dsb = timelapse("dsb", "--help");
        assertFalse(dsb.stdout().lines().anyMatch(line -> line.strip().startsWith("bench")), dsb.toString());
    }

    @Test
    void benchAllRunsEachBenchmarkInAProcessOfItsOwnAndTabulatesIt() throws Exception {
        Path out = work.resolve("bench-all");
        Timelapse.Result all = timelapse("bench", "all", "--only", "compute", "--out", out.toString());
        assertEquals(0, all.exitCode(), all.toString());
        String summary = Files.readString(out.resolve("summary.md"));
        assertTrue(summary.contains("; each benchmark in a process of its own"), summary);
        assertTrue(summary.lines().anyMatch(line -> line.startsWith("| compute | matmul | gflops | ")), summary);
        String child = Files.readString(out.resolve("compute").resolve("run.json"));
        assertTrue(child.contains("\"commandLine\" : [ \"timelapse\", \"bench\", \"compute\", \"--out\""), child);
        assertTrue(child.contains("\"status\" : \"succeeded\""), child);
    }

    @Test
    void outputWithoutALineEndIsPrinted() throws Exception {
        Timelapse.Result decoded = timelapse("pythia", "detokenize", "--ids", "12092,1533");
        assertEquals(0, decoded.exitCode(), decoded.toString());
        assertEquals("Hello world", decoded.stdout().strip(), decoded.toString());
    }

    @Test
    void aFinishedRunIsNeverOverwritten() throws Exception {
        Path out = work.resolve("finished-run");
        assertEquals(0, hello("hello", "greet", "--out", out.toString()).exitCode());
        byte[] finished = Files.readAllBytes(out.resolve("run.json"));

        Timelapse.Result again = hello("hello", "greet", "--name", "Ada", "--out", out.toString());

        assertUsageError(again, "--out " + out + " holds a finished run of 'hello greet' (succeeded at ", "timelapse hello greet");
        assertArrayEquals(finished, Files.readAllBytes(out.resolve("run.json")));
        assertEquals("Hello, world!\n", Files.readString(out.resolve("greeting.txt")));
    }

    @Test
    void usageErrorsExitWithTwoInOneLineAndAPointerToHelp() throws Exception {
        assertUsageError(hello("hello", "greet", "--no-such-option"), "Unknown option: '--no-such-option'", "timelapse hello greet");
        assertUsageError(timelapse("lm", "info", "--model", "m", "--log-level", "LOUD"),
                "--log-level LOUD: not a log level; use ERROR, WARN, INFO, DEBUG or TRACE", "timelapse lm info");
        assertUsageError(timelapse("no-such-command", "--help"), "Unknown command: 'no-such-command'", "timelapse");
        assertUsageError(timelapse("lm"), "Missing required subcommand: one of info, logits, generate, corpus, train", "timelapse lm");
    }

    @Test
    void outThatIsAFileIsAUsageError() throws Exception {
        Path notADirectory = Files.writeString(work.resolve("occupied"), "a file where the run directory should go");
        assertUsageError(hello("hello", "greet", "--out", notADirectory.toString()), "--out " + notADirectory + ": not a directory",
                "timelapse hello greet");
    }

    @Test
    void anUnusableOutIsOneLineNamingTheOptionAndNoHookFailsAfterwards() throws Exception {
        Path procfs = Path.of("/proc");
        assumeTrue(Files.isDirectory(procfs.resolve("self")), "Linux /proc: an existing directory where no file can be created");
        Timelapse.Result result = hello("hello", "greet", "--out", procfs.toString());
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("error: --out /proc: /proc/run.json: no such file or directory\n"), result.toString());
        assertFalse(result.stackTrace(), result.toString());
        assertFalse(result.stderr().contains("NoClassDefFoundError"), result.toString());
    }

    @Test
    void pluginsListingShowsStateProvidesAndNeeds() throws Exception {
        Timelapse.Result result = hello("plugins", "--json");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("\"id\" : \"hello\""), result.stdout());
        assertTrue(result.stdout().contains("\"state\" : \"ACTIVE\""), result.stdout());
        assertTrue(result.stdout().contains("command greet"), result.stdout());
        assertTrue(result.stdout().contains("\"id\" : \"broken\""), result.stdout());
        assertTrue(result.stdout().contains("\"state\" : \"INSTALLED\""), result.stdout());
    }

    @Test
    void versionNamesPlatformAndPlugins() throws Exception {
        Timelapse.Result result = hello("--version");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().startsWith("timelapse "), result.stdout());
        assertTrue(result.stdout().contains("io.timelapse.api 1.1.0"), result.stdout());
        assertTrue(result.stdout().contains("hello 0.1.0"), result.stdout());
        assertTrue(result.stdout().contains("broken 0.3.0 (INSTALLED)"), result.stdout());
    }

    @Test
    void demoOfEveryInstalledPluginSucceedsAndEachRunRecordsWhatTheUserTyped() throws Exception {
        Path out = work.resolve("demo");
        Timelapse.Result result = timelapse("demo", "--out", out.toString());
        assertEquals(0, result.exitCode(), result.toString());
        for (String plugin : new String[] {"dsb", "memorization", "openfold", "pythia"}) {
            assertTrue(result.stdout().contains("== " + plugin + " demo"), result.stdout());
            Path record = out.resolve(plugin).resolve("run.json");
            assertTrue(Files.isRegularFile(record), plugin + " demo wrote no run.json under --out " + out + "\n" + result);
            String manifest = Files.readString(record);
            assertTrue(manifest.contains("\"status\" : \"succeeded\""), plugin + ": " + manifest);
            assertTrue(manifest.contains("\"invokedAs\" : [ \"timelapse\", \"demo\", \"--out\", \"" + out + "\" ]"), plugin + ": " + manifest);
        }
        assertTrue(result.stdout().contains("All 4 demos succeeded."), result.stdout());
        assertFalse(result.stackTrace(), result.toString());
    }

    @Test
    void anInterruptedRunRecordsItAndTheProcessExits130() throws Exception {
        Path data = TrainingInputs.rows(work.resolve("rows.npy"), 40_000);
        Path config = TrainingInputs.tinyModel(work.resolve("config.json"));
        Path out = work.resolve("interrupted-run");
        Timelapse.Running training = Timelapse.start(work, "lm", "train", "--model-config", config.toString(), "--data", data.toString(),
                "--steps", "20000", "--batch-size", "2", "--checkpoints", "steps:1", "--out", out.toString());
        TrainingInputs.awaitRecordedInput(out, training.process());

        // A process started with SIGINT ignored (a background job of a non-interactive shell) cannot be stopped by it, as
        // with any program; SIGTERM then interrupts it, and the process exits 143 as the JVM does on SIGTERM.
        boolean sigintIgnored = ignoresSigint(training.process().pid());
        new ProcessBuilder("kill", sigintIgnored ? "-TERM" : "-INT", Long.toString(training.process().pid())).start().waitFor();
        Timelapse.Result result = training.finish();

        assertEquals(sigintIgnored ? 143 : 130, result.exitCode(), result.toString());
        String manifest = Files.readString(out.resolve("run.json"));
        assertTrue(manifest.contains("\"status\" : \"interrupted\""), manifest);
        assertTrue(manifest.contains("\"exitCode\" : 130"), manifest);
        assertFalse(result.stackTrace(), result.toString());
    }

    @Test
    void deviceReportsTheComputeBackend() throws Exception {
        Timelapse.Result result = timelapse("device", "--size", "256", "--repeats", "2");
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("device:   CPU"), result.stdout());
        assertTrue(result.stdout().contains("backend:  TensorFlow 2.18.0"), result.stdout());
        assertTrue(result.stdout().matches("(?s).*matmul: +[0-9.]+ GFLOP/s.*"), result.stdout());
    }

    /** Whether the process ignores SIGINT (signal 2), from the SigIgn mask in /proc/PID/status. */
    private static boolean ignoresSigint(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & 0x2) != 0;
            }
        }
        throw new IOException("/proc/" + pid + "/status has no SigIgn line");
    }

    /** A plugin bundle whose import cannot be satisfied: it needs a future major version of the run API. */
    private static void writeBrokenPlugin(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "io.timelapse.plugin.broken");
        main.putValue("Bundle-Version", "0.3.0");
        main.putValue("Import-Package", "io.timelapse.api.run;version=\"[2.0,3.0)\"");
        main.putValue("Provide-Capability", "timelapse.plugin;id=broken");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new ZipEntry("io/timelapse/plugin/broken/"));
            jarOut.closeEntry();
        }
    }

    private static void writePlainJar(Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            jarOut.putNextEntry(new ZipEntry("README.txt"));
            jarOut.write("not a bundle".getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
        }
    }
}
