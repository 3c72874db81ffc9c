package io.timelapse.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

    private static final Path DISTRIBUTION = Path.of(System.getProperty("timelapse.distribution"));
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

    @Test
    void contributedCommandRunsWhileBrokenPluginIsReportedByName() throws Exception {
        Path out = work.resolve("greet-run");
        Result result = timelapse("--plugins", plugins.toString(), "hello", "greet", "--name", "Felix", "--out", out.toString());

        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("Hello, Felix!"), result.toString());
        assertTrue(result.stderr.contains("plugin broken 0.3.0 is not available: needs io.timelapse.api.run [2.0,3.0), "
                + "the platform provides 1.0.0"), result.toString());
        assertTrue(result.stderr.contains("plain-library.jar: refused: not an OSGi bundle"), result.toString());
        String manifest = Files.readString(out.resolve("run.json"));
        assertTrue(manifest.contains("\"status\" : \"succeeded\""), manifest);
        assertTrue(manifest.contains("\"hello\" : \"0.1.0\""), manifest);
        assertEquals("Hello, Felix!\n", Files.readString(out.resolve("greeting.txt")));
    }

    @Test
    void usageErrorExitsWithTwo() throws Exception {
        Result result = timelapse("--plugins", plugins.toString(), "hello", "greet", "--no-such-option");
        assertEquals(2, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("Unknown option: '--no-such-option'"), result.toString());
    }

    @Test
    void failingCommandExitsWithOne() throws Exception {
        Path notADirectory = Files.writeString(work.resolve("occupied"), "a file where the run directory should go");
        Result result = timelapse("--plugins", plugins.toString(), "hello", "greet", "--out", notADirectory.toString());
        assertEquals(1, result.exitCode, result.toString());
        assertTrue(result.stderr.contains("exists and is not a directory"), result.toString());
    }

    @Test
    void pluginsListingShowsStateProvidesAndNeeds() throws Exception {
        Result result = timelapse("--plugins", plugins.toString(), "plugins", "--json");
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("\"id\" : \"hello\""), result.stdout);
        assertTrue(result.stdout.contains("\"state\" : \"ACTIVE\""), result.stdout);
        assertTrue(result.stdout.contains("command greet"), result.stdout);
        assertTrue(result.stdout.contains("\"id\" : \"broken\""), result.stdout);
        assertTrue(result.stdout.contains("\"state\" : \"INSTALLED\""), result.stdout);
    }

    @Test
    void versionNamesPlatformAndPlugins() throws Exception {
        Result result = timelapse("--plugins", plugins.toString(), "--version");
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.startsWith("timelapse "), result.stdout);
        assertTrue(result.stdout.contains("io.timelapse.api 1.0.0"), result.stdout);
        assertTrue(result.stdout.contains("hello 0.1.0"), result.stdout);
        assertTrue(result.stdout.contains("broken 0.3.0 (INSTALLED)"), result.stdout);
    }

    @Test
    void demoOfEveryInstalledPluginSucceeds() throws Exception {
        Result result = timelapse("demo", "--out", work.resolve("demo").toString());
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("== pythia demo"), result.stdout);
        assertTrue(result.stdout.contains("== openfold demo"), result.stdout);
        assertTrue(result.stdout.contains("demos succeeded"), result.stdout);
    }

    @Test
    void deviceReportsTheComputeBackend() throws Exception {
        Result result = timelapse("device", "--size", "256", "--repeats", "2");
        assertEquals(0, result.exitCode, result.toString());
        assertTrue(result.stdout.contains("device:   CPU"), result.stdout);
        assertTrue(result.stdout.contains("backend:  TensorFlow 2.18.0"), result.stdout);
        assertTrue(result.stdout.matches("(?s).*matmul: +[0-9.]+ GFLOP/s.*"), result.stdout);
    }

    private static Result timelapse(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(DISTRIBUTION.resolve("bin/timelapse").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path stdout = Files.createTempFile(work, "stdout", ".txt");
        Path stderr = Files.createTempFile(work, "stderr", ".txt");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timelapse " + String.join(" ", args) + " did not exit within 120 s");
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
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

    private record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }
}
