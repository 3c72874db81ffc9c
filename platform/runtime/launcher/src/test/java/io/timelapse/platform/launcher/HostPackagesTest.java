package io.timelapse.platform.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostPackagesTest {

    @TempDir
    Path dir;

    @Test
    void bundleJarsContributeTheirDeclaredExports() throws IOException {
        Path jar = jar("slf4j.jar", "org.slf4j;version=\"2.0.17\";uses:=\"org.slf4j.event,org.slf4j.spi\",org.slf4j.spi;version=\"2.0.17\"",
                "org/slf4j/Logger.class");
        String exports = new HostPackages(List.of("org.slf4j")).exportsFor(List.of(jar));
        assertEquals("org.slf4j;version=\"2.0.17\",org.slf4j.spi;version=\"2.0.17\"", exports);
    }

    @Test
    void plainJarsContributeTheirPackagesAtTheMavenVersion() throws IOException {
        Path jar = jar("tf.jar", null, "org/tensorflow/Graph.class", "org/tensorflow/op/Ops.class", "com/other/Thing.class",
                "META-INF/maven/org.tensorflow/tensorflow-core-api/pom.properties");
        String exports = new HostPackages(List.of("org.tensorflow")).exportsFor(List.of(jar));
        assertEquals("org.tensorflow;version=\"1.1.0\",org.tensorflow.op;version=\"1.1.0\"", exports);
        assertFalse(exports.contains("com.other"));
    }

    @Test
    void exportClausesSplitOutsideQuotes() {
        List<ExportClause> clauses = ExportClause.parse("a;b;version=\"1.0\";uses:=\"x,y\",c");
        assertEquals(List.of(new ExportClause("a", "1.0"), new ExportClause("b", "1.0"), new ExportClause("c", null)), clauses);
    }

    @Test
    void jarWithoutBundleManifestIsRefused() throws IOException {
        Path plain = dir.resolve("plain.jar");
        try (OutputStream out = Files.newOutputStream(plain); JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new ZipEntry("x.txt"));
            jar.closeEntry();
        }
        BundleJar inspected = BundleJar.inspect(plain);
        assertFalse(inspected.isBundle());
        assertTrue(inspected.refusal().contains("no manifest"), inspected.refusal());
        assertTrue(BundleJar.inspect(jar("bundle.jar", "a", "a/A.class")).isBundle());
    }

    private Path jar(String name, String exportPackage, String... entries) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (exportPackage != null) {
            main.putValue("Bundle-SymbolicName", name);
            main.putValue("Export-Package", exportPackage);
        }
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            for (String entry : entries) {
                jarOut.putNextEntry(new ZipEntry(entry));
                if (entry.endsWith("pom.properties")) {
                    jarOut.write("version=1.1.0\n".getBytes(StandardCharsets.UTF_8));
                }
                jarOut.closeEntry();
            }
        }
        return jar;
    }
}
