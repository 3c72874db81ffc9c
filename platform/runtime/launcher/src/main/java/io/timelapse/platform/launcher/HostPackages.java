package io.timelapse.platform.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Computes {@code org.osgi.framework.system.packages.extra}: the packages of class-path libraries
 * that must exist once per process (logging, TensorFlow and JavaCPP natives) are exported by the
 * system bundle, with their real versions, so bundles import them through the resolver. Computing
 * the list from the jars means a library upgrade needs no hand-kept header.
 */
final class HostPackages {

    private final List<String> prefixes;

    HostPackages(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    String exportsFor(List<Path> classPath) {
        Map<String, String> versions = new TreeMap<>();
        for (Path jar : classPath) {
            if (Files.isRegularFile(jar) && jar.toString().endsWith(".jar")) {
                collect(jar, versions);
            }
        }
        List<String> clauses = new ArrayList<>();
        versions.forEach((pkg, version) -> clauses.add(version == null ? pkg : pkg + ";version=\"" + version + "\""));
        return String.join(",", clauses);
    }

    static List<Path> classPath() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    private void collect(Path jar, Map<String, String> versions) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes manifest = file.getManifest() == null ? new Attributes() : file.getManifest().getMainAttributes();
            String exports = manifest.getValue("Export-Package");
            if (exports != null) {
                for (ExportClause clause : ExportClause.parse(exports)) {
                    if (matches(clause.packageName())) {
                        versions.putIfAbsent(clause.packageName(), clause.version());
                    }
                }
            } else {
                String version = mavenVersion(file);
                for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    int slash = name.lastIndexOf('/');
                    if (name.endsWith(".class") && slash > 0) {
                        String pkg = name.substring(0, slash).replace('/', '.');
                        if (matches(pkg)) {
                            versions.putIfAbsent(pkg, version);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new LaunchException("cannot read class-path library " + jar + ": " + e.getMessage(), e);
        }
    }

    private boolean matches(String pkg) {
        for (String prefix : prefixes) {
            if (pkg.equals(prefix) || pkg.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    /** The Maven version, reduced to the numeric part OSGi accepts ({@code 1.1.0}). */
    private static String mavenVersion(JarFile file) throws IOException {
        for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
            JarEntry entry = entries.nextElement();
            if (entry.getName().startsWith("META-INF/maven/") && entry.getName().endsWith("/pom.properties")) {
                Properties properties = new Properties();
                try (InputStream in = file.getInputStream(entry)) {
                    properties.load(in);
                }
                String version = properties.getProperty("version");
                return version == null ? null : version.replaceFirst("^(\\d+(\\.\\d+){0,2}).*$", "$1");
            }
        }
        return null;
    }
}
