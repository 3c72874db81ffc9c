package io.timelapse.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static io.timelapse.architecture.Library.CIFTOOLS;
import static io.timelapse.architecture.Library.EJML;
import static io.timelapse.architecture.Library.GUICE;
import static io.timelapse.architecture.Library.JACKSON;
import static io.timelapse.architecture.Library.JFREECHART;
import static io.timelapse.architecture.Library.JUNIT;
import static io.timelapse.architecture.Library.LOGBACK;
import static io.timelapse.architecture.Library.OSGI_ANNOTATIONS;
import static io.timelapse.architecture.Library.OSGI_FRAMEWORK;
import static io.timelapse.architecture.Library.OSGI_LAUNCHING;
import static io.timelapse.architecture.Library.PICOCLI;
import static io.timelapse.architecture.Library.SLF4J;
import static io.timelapse.architecture.Library.TENSORFLOW;
import static io.timelapse.architecture.Part.API;
import static io.timelapse.architecture.Part.BENCH_LIBRARY;
import static io.timelapse.architecture.Part.COMPUTE_BACKEND;
import static io.timelapse.architecture.Part.COMPUTE_CONFORMANCE;
import static io.timelapse.architecture.Part.LAUNCHER;
import static io.timelapse.architecture.Part.PLUGIN;
import static io.timelapse.architecture.Part.RUNTIME;
import static io.timelapse.architecture.Part.SERVICE;
import static io.timelapse.architecture.Part.SHARED_LIBRARY;
import static io.timelapse.architecture.Part.TESTKIT;
import static io.timelapse.architecture.Part.TEST_DATA;
import static java.util.Map.entry;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The architecture as allow-lists: what each part may depend on. A class may depend on its own module, the JDK, and
 * what its part's entry below names; nothing else passes. Each rule is proven to bite in {@code
 * PlantedViolationsTest}.
 */
final class ArchitectureRules {

    /** What a part may depend on besides its own module and the JDK. */
    record Allowed(Set<Part> parts, Set<Library> libraries) {

        @Override
        public String toString() {
            List<String> names = new ArrayList<>();
            parts.forEach(part -> names.add(part.all()));
            libraries.forEach(library -> names.add(library.toString()));
            return names.isEmpty() ? "nothing else" : String.join(", ", names);
        }
    }

    static final Map<Part, Allowed> MAY_DEPEND_ON = new EnumMap<>(Map.ofEntries(
            // The libraries its signatures expose: PluginModule is a Guice module and the bundle activator, commands
            // are picocli commands, ServiceImport tracks OSGi services.
            entry(API, allowed(parts(), OSGI_ANNOTATIONS, OSGI_FRAMEWORK, PICOCLI, GUICE)),
            // The plotting library embeds JFreeChart and JFreeSVG, so plugins draw figures through it alone.
            entry(SHARED_LIBRARY, allowed(parts(API, SHARED_LIBRARY, BENCH_LIBRARY), OSGI_ANNOTATIONS, JACKSON, JFREECHART)),
            // A shared library that the compute backend may use too, for its benchmark command (bench compute): so it
            // stays a leaf, and the backend sees no other shared library through it.
            entry(BENCH_LIBRARY, allowed(parts(API), OSGI_ANNOTATIONS, JACKSON)),
            // Suites that any backend runs against itself: they see a backend only through the API.
            entry(COMPUTE_CONFORMANCE, allowed(parts(API), OSGI_ANNOTATIONS, JUNIT)),
            entry(COMPUTE_BACKEND, allowed(parts(API, BENCH_LIBRARY), OSGI_ANNOTATIONS, PICOCLI, GUICE, SLF4J, TENSORFLOW)),
            entry(LAUNCHER, allowed(parts(), OSGI_FRAMEWORK, OSGI_LAUNCHING, SLF4J, LOGBACK)),
            // The shell finds plugins among the bundles; the other platform bundles leave OSGi to PluginModule.
            entry(RUNTIME, allowed(parts(API, SHARED_LIBRARY, BENCH_LIBRARY), OSGI_ANNOTATIONS, OSGI_FRAMEWORK, PICOCLI, GUICE, SLF4J, JACKSON)),
            entry(SERVICE, allowed(parts(API, SHARED_LIBRARY, BENCH_LIBRARY), OSGI_ANNOTATIONS, PICOCLI, GUICE, SLF4J, JACKSON)),
            // It runs a command through the shell's own code and run service, so a test sees what a user sees. It is
            // a test-scope dependency: no entry names it, so no production class may use it.
            entry(TESTKIT, allowed(parts(API, RUNTIME), OSGI_ANNOTATIONS, PICOCLI)),
            // Fixture files that several modules' tests read; test scope only, and it needs nothing but the JDK.
            entry(TEST_DATA, allowed(parts())),
            // OSGi is PluginModule's business. ciftools-java and EJML are embedded in the plugin that uses them.
            entry(PLUGIN, allowed(parts(API, SHARED_LIBRARY, BENCH_LIBRARY), PICOCLI, GUICE, SLF4J, JACKSON, CIFTOOLS, EJML))));

    /** Libraries that one part alone may see, whatever another part's entry says. */
    static final Map<Library, Part> EXCLUSIVE = new EnumMap<>(Map.of(TENSORFLOW, COMPUTE_BACKEND, OSGI_LAUNCHING, LAUNCHER));

    private ArchitectureRules() {}

    /** Every rule, over the modules of {@code build}. */
    static List<ArchRule> of(Build build) {
        List<ArchRule> rules = new ArrayList<>();
        MAY_DEPEND_ON.forEach((part, allowed) -> rules.add(mayDependOnlyOn(build, part, allowed)));
        EXCLUSIVE.forEach((library, part) -> rules.add(onlySees(build, part, library)));
        rules.add(noPackageCycles());
        return rules;
    }

    static ArchRule mayDependOnlyOn(Build build, Part part, Allowed allowed) {
        return classes().that(areIn(build, part)).should(dependOnlyOn(build, allowed))
                .as(capitalized(part) + " (" + part.folders() + ") depends only on its own module, the JDK, " + allowed);
    }

    static ArchRule onlySees(Build build, Part part, Library library) {
        return noClasses().that(DescribedPredicate.not(areIn(build, part)))
                .should().dependOnClassesThat(DescribedPredicate.describe(library.toString(),
                        target -> library.contains(target.getBaseComponentType().getPackageName())))
                .as("only " + part + " (" + part.folders() + ") sees " + library);
    }

    static ArchRule noPackageCycles() {
        return slices().matching("(**)").should().beFreeOfCycles().as("no package cycles");
    }

    static ArchRule rule(Build build, Part part) {
        return mayDependOnlyOn(build, part, MAY_DEPEND_ON.get(part));
    }

    private static DescribedPredicate<JavaClass> areIn(Build build, Part part) {
        return DescribedPredicate.describe("are in " + part,
                javaClass -> build.moduleOf(javaClass).filter(module -> module.is(part)).isPresent());
    }

    private static ArchCondition<JavaClass> dependOnlyOn(Build build, Allowed allowed) {
        return new ArchCondition<>("depend only on " + allowed) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<Module> home = build.moduleOf(origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    whyForbidden(build, allowed, home, dependency.getTargetClass().getBaseComponentType()).ifPresent(why ->
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription() + ": " + why)));
                }
            }
        };
    }

    private static Optional<String> whyForbidden(Build build, Allowed allowed, Optional<Module> home, JavaClass target) {
        Optional<Module> owner = build.moduleOf(target);
        if (owner.isPresent()) {
            Module module = owner.get();
            boolean permitted = owner.equals(home) || module.part().filter(allowed.parts()::contains).isPresent();
            return permitted ? Optional.empty()
                    : Optional.of(module + " is " + module.part().map(Part::toString).orElse("in no part"));
        }
        String pkg = target.getPackageName();
        boolean permitted = Library.isJdk(pkg) || allowed.libraries().stream().anyMatch(library -> library.contains(pkg));
        return permitted ? Optional.empty() : Optional.of(pkg + " is in no allowed library");
    }

    private static Allowed allowed(Set<Part> parts, Library... libraries) {
        return new Allowed(parts, libraries.length == 0 ? EnumSet.noneOf(Library.class) : EnumSet.copyOf(Arrays.asList(libraries)));
    }

    private static Set<Part> parts(Part... parts) {
        return parts.length == 0 ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(Arrays.asList(parts));
    }

    private static String capitalized(Part part) {
        String text = part.toString();
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
