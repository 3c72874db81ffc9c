package io.timelapse.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lays out planted classes as a small Maven build on disk, as {@link Build} reads a real one: a root POM listing the
 * modules, each module's POM, its sources in {@code src/main/java} and its compiled classes in {@code target/classes}.
 * The planted sources and classes are this test's own ({@code src/test/java}, {@code target/test-classes}).
 */
final class PlantedBuild {

    private static final Path TEST_SOURCES = Path.of(System.getProperty("basedir", "")).resolve("src/test/java");
    private static final Path TEST_CLASSES = testClasses();

    private final Path root;
    private final List<String> modules = new ArrayList<>();

    PlantedBuild(Path root) {
        this.root = root;
    }

    /** A module in {@code folder} whose sources and classes are those of {@code packages}. */
    PlantedBuild module(String folder, String... packages) {
        return add(folder, "jar", true, packages);
    }

    /** A module with sources that was never compiled. */
    PlantedBuild uncompiled(String folder, String... packages) {
        return add(folder, "jar", false, packages);
    }

    /** A module with {@code pom} packaging, such as a parent or the distribution. */
    PlantedBuild pomModule(String folder) {
        return add(folder, "pom", false);
    }

    Build read() {
        write(root.resolve("pom.xml"), "<project><packaging>pom</packaging><modules>"
                + modules.stream().map(folder -> "<module>" + folder + "</module>").collect(Collectors.joining())
                + "</modules></project>");
        return Build.read(root);
    }

    private PlantedBuild add(String folder, String packaging, boolean compiled, String... packages) {
        Path module = root.resolve(folder);
        write(module.resolve("pom.xml"), "<project><packaging>" + packaging + "</packaging></project>");
        for (String pkg : packages) {
            String path = pkg.replace('.', '/');
            copy(TEST_SOURCES.resolve(path), module.resolve("src/main/java").resolve(path), ".java");
            if (compiled) {
                copy(TEST_CLASSES.resolve(path), module.resolve("target/classes").resolve(path), ".class");
            }
        }
        modules.add(folder);
        return this;
    }

    /** Copies the files of one package (not its subpackages). */
    private static void copy(Path from, Path to, String suffix) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path testClasses() {
        try {
            return Path.of(PlantedBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
