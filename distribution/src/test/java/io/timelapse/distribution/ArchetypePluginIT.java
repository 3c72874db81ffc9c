package io.timelapse.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin a third party generates from the archetype, loaded into the unpacked distribution.
 * The archetype module's integration test generated it (plugin id {@code weather}) and built it on
 * its own, against the platform artifacts staged as a third party would have them installed.
 */
class ArchetypePluginIT {

    private static final Path PROJECT = Path.of(System.getProperty("timelapse.archetypeProject"));

    @TempDir
    static Path work;
    private static Path jar;

    @BeforeAll
    static void findThePluginJar() throws IOException {
        Path target = PROJECT.resolve("target");
        assertTrue(Files.isDirectory(target), target + " is missing: the archetype's integration test builds it "
                + "(mvn verify -pl distribution -am)");
        try (Stream<Path> files = Files.list(target)) {
            List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).toList();
            assertEquals(1, jars.size(), "one plugin jar in " + target + ": " + jars);
            jar = jars.get(0);
        }
    }

    @Test
    void triedWithPluginsOptionItCountsAndWritesARun() throws Exception {
        Path text = Files.writeString(work.resolve("notes.txt"), "first\nsecond\n");
        Path out = work.resolve("count-run");

        Timelapse.Result result = Timelapse.run(work, "--plugins", PROJECT.resolve("target").toString(),
                "weather", "count", text.toString(), "--out", out.toString());

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(text + ": 2 lines\n", result.stdout());
        assertEquals("2\n", Files.readString(out.resolve("count.txt")));
        String manifest = Files.readString(out.resolve("run.json"));
        assertTrue(manifest.contains("\"status\" : \"succeeded\""), manifest);
        assertTrue(manifest.contains("\"weather\" : \"0.1.0\""), manifest);
        assertTrue(manifest.contains("\"lines\" : 2"), manifest);
    }

    @Test
    void aMissingFileIsAUsageError() throws Exception {
        Path out = work.resolve("no-run");

        Timelapse.Result result = Timelapse.run(work, "--plugins", PROJECT.resolve("target").toString(),
                "weather", "count", "missing.txt", "--out", out.toString());

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("error: FILE missing.txt: no such file\n"), result.toString());
        assertFalse(result.stackTrace(), result.toString());
        assertFalse(Files.exists(out), "a run directory was left behind");
    }

    @Test
    void installedInPluginsItIsListedAndHelped() throws Exception {
        Path home = installationWithOnlyThePlugin();

        Timelapse.Result plugins = Timelapse.run(home, work, "plugins", "--json");
        Timelapse.Result help = Timelapse.run(home, work, "weather", "count", "--help");

        assertEquals(0, plugins.exitCode(), plugins.toString());
        assertTrue(plugins.stdout().contains("\"id\" : \"weather\""), plugins.stdout());
        assertTrue(plugins.stdout().contains("\"state\" : \"ACTIVE\""), plugins.stdout());
        assertTrue(plugins.stdout().contains("command count"), plugins.stdout());
        assertEquals(0, help.exitCode(), help.toString());
        assertTrue(help.stdout().contains("Count the lines of a text file and record the count as a run."), help.stdout());
        assertTrue(help.stdout().contains("FILE") && help.stdout().contains("--out=DIR"), help.stdout());
    }

    /** An installation of its own: the distribution's launcher, platform and configuration, and only this plugin in plugins/. */
    private static Path installationWithOnlyThePlugin() throws IOException {
        Path home = Files.createDirectories(work.resolve("installation"));
        Files.createDirectories(home.resolve("bin"));
        Files.copy(Timelapse.DISTRIBUTION.resolve("bin/timelapse"), home.resolve("bin/timelapse"), StandardCopyOption.COPY_ATTRIBUTES);
        for (String folder : List.of("lib", "bundles", "conf")) {
            Files.createSymbolicLink(home.resolve(folder), Timelapse.DISTRIBUTION.resolve(folder));
        }
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(jar, home.resolve("plugins").resolve(jar.getFileName()));
        return home;
    }
}
