package io.timelapse.platform.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** A jar found in a bundle folder, checked before the framework sees it. */
record BundleJar(Path path, String refusal) {

    static BundleJar inspect(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return new BundleJar(jar, "not an OSGi bundle: it has no manifest (build plugins with bnd-maven-plugin)");
            }
            if (manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                return new BundleJar(jar, "not an OSGi bundle: its manifest has no Bundle-SymbolicName (build plugins with bnd-maven-plugin)");
            }
            return new BundleJar(jar, null);
        } catch (IOException e) {
            return new BundleJar(jar, "not a readable jar: " + e.getMessage());
        }
    }

    boolean isBundle() {
        return refusal == null;
    }
}
