package io.timelapse.architecture;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toCollection;
import static java.util.stream.Collectors.toList;
import static java.util.stream.Collectors.toSet;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The modules of a Maven build, read from its POMs ({@code <modules>}, recursively), and their production classes,
 * imported from each module's {@code target/classes}. Which module a class belongs to is decided by where its
 * package's sources are, never by the package's name.
 */
final class Build {

    private final List<Module> modules;
    private final Map<String, List<Module>> packageOwners;

    private Build(List<Module> modules) {
        this.modules = List.copyOf(modules);
        this.packageOwners = modules.stream()
                .flatMap(module -> module.ownPackages().stream().map(pkg -> Map.entry(pkg, module)))
                .collect(groupingBy(Map.Entry::getKey, TreeMap::new, mapping(Map.Entry::getValue, toList())));
    }

    /** The build whose root POM is in {@code root}. */
    static Build read(Path root) {
        List<Module> modules = new ArrayList<>();
        collectModules(root.toAbsolutePath().normalize(), root.toAbsolutePath().normalize(), modules);
        return new Build(modules);
    }

    List<Module> modules() {
        return modules;
    }

    /** The production classes of every module that holds code, without the libraries bnd embedded in them. */
    JavaClasses importClasses() {
        List<Path> folders = modules.stream().filter(Module::holdsCode).map(Module::classes).filter(Files::isDirectory).toList();
        return new ClassFileImporter().withImportOption(this::isOwnCode).importPaths(folders);
    }

    /** The module whose sources declare the class's package; empty for the JDK and third-party libraries. */
    Optional<Module> moduleOf(JavaClass javaClass) {
        List<Module> owners = packageOwners.get(javaClass.getBaseComponentType().getPackageName());
        return owners == null ? Optional.empty() : Optional.of(owners.get(0));
    }

    /** Modules with code that no part claims: no rule would check them. */
    List<Module> unclassified() {
        return modules.stream().filter(module -> module.holdsCode() && module.part().isEmpty()).toList();
    }

    /** Modules with code none of whose classes were imported (not compiled, or no sources): rules would pass vacuously. */
    List<Module> withoutClasses(JavaClasses imported) {
        Set<Module> seen = imported.stream().map(this::moduleOf).flatMap(Optional::stream).collect(toSet());
        return modules.stream().filter(module -> module.holdsCode() && !seen.contains(module)).toList();
    }

    /** Packages whose sources are in more than one module (split packages), with those modules. */
    Map<String, List<Module>> splitPackages() {
        Map<String, List<Module>> split = new TreeMap<>(packageOwners);
        split.values().removeIf(owners -> owners.size() < 2);
        return split;
    }

    private boolean isOwnCode(Location location) {
        Path file = Path.of(location.asURI());
        return modules.stream().anyMatch(module -> file.startsWith(module.classes())
                && module.ownPackages().contains(packageName(module.classes().relativize(file).getParent())));
    }

    private static void collectModules(Path root, Path aggregator, List<Module> into) {
        for (String name : children(pom(aggregator), "modules", "module")) {
            Path folder = aggregator.resolve(name).normalize();
            Element pom = pom(folder);
            String packaging = children(pom, "packaging").stream().findFirst().orElse("jar");
            String relative = root.relativize(folder).toString().replace(File.separatorChar, '/');
            into.add(new Module(relative, packaging, Part.ofFolder(relative), folder.resolve("target/classes"),
                    ownPackages(folder.resolve("src/main/java"))));
            collectModules(root, folder, into);
        }
    }

    private static Set<String> ownPackages(Path sources) {
        if (!Files.isDirectory(sources)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".java"))
                    .map(file -> packageName(sources.relativize(file).getParent()))
                    .collect(toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageName(Path folder) {
        return folder == null ? "" : folder.toString().replace(File.separatorChar, '.');
    }

    private static Element pom(Path folder) {
        Path pom = folder.resolve("pom.xml");
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    /** The texts of the elements at {@code path} below {@code element}, following direct children only. */
    private static List<String> children(Element element, String... path) {
        List<Element> level = List.of(element);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element parent : level) {
                for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element e && e.getTagName().equals(name)) {
                        next.add(e);
                    }
                }
            }
            level = next;
        }
        return level.stream().map(e -> e.getTextContent().trim()).toList();
    }
}
