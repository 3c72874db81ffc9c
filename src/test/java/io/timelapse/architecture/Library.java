package io.timelapse.architecture;

import com.tngtech.archunit.core.domain.PackageMatcher;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The libraries outside the build that a part may be allowed to use, each named by its packages. */
enum Library {
    OSGI_ANNOTATIONS("the OSGi annotations", "org.osgi.annotation.."),
    OSGI_FRAMEWORK("the OSGi framework API", "org.osgi.framework", "org.osgi.framework.wiring", "org.osgi.resource",
            "org.osgi.util.tracker"),
    OSGI_LAUNCHING("Felix and OSGi launching", "org.apache.felix..", "org.osgi.framework.launch.."),
    PICOCLI("picocli", "picocli.."),
    GUICE("Guice", "com.google.inject..", "jakarta.inject.."),
    SLF4J("SLF4J", "org.slf4j.."),
    LOGBACK("Logback", "ch.qos.logback.."),
    JACKSON("Jackson", "com.fasterxml.jackson.."),
    TENSORFLOW("TensorFlow Java and JavaCPP", "org.tensorflow..", "org.bytedeco.."),
    JFREECHART("JFreeChart", "org.jfree.."),
    CIFTOOLS("ciftools-java", "org.rcsb.."),
    EJML("EJML", "org.ejml.."),
    JUNIT("JUnit", "org.junit..", "org.opentest4j..");

    /** The packages the running JDK's modules export to everyone: the JDK every part may use. */
    private static final Set<String> JDK = ModuleFinder.ofSystem().findAll().stream()
            .flatMap(module -> module.descriptor().exports().stream())
            .filter(export -> !export.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toUnmodifiableSet());

    private final String description;
    private final List<PackageMatcher> packages;

    Library(String description, String... packages) {
        this.description = description;
        this.packages = Stream.of(packages).map(PackageMatcher::of).toList();
    }

    boolean contains(String packageName) {
        return packages.stream().anyMatch(matcher -> matcher.matches(packageName));
    }

    static boolean isJdk(String packageName) {
        return JDK.contains(packageName);
    }

    @Override
    public String toString() {
        return description;
    }
}
