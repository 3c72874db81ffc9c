package io.timelapse.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks every rule over the production classes of every module of this build, read from the root POM. */
class ArchitectureTest {

    private static Build build;
    private static JavaClasses production;

    @BeforeAll
    static void importTheBuild() {
        build = Build.read(Path.of(System.getProperty("basedir", "")));
        production = build.importClasses();
    }

    static Stream<ArchRule> rules() {
        return ArchitectureRules.of(build).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holds(ArchRule rule) {
        rule.check(production);
    }

    @Test
    void everyModuleWithCodeIsInAPart() {
        assertEquals(List.of(), build.unclassified(), "modules no part claims (see Part), so no rule checks them");
    }

    /** Guards against modules that were not compiled, which would make every rule pass. */
    @Test
    void everyModuleWithCodeHasItsClasses() {
        assertEquals(List.of(), build.withoutClasses(production), "modules with no compiled classes: is each a test dependency of the root POM, so the reactor builds it first?");
    }

    @Test
    void noPackageIsSplitAcrossModules() {
        assertEquals(Map.of(), build.splitPackages());
    }

    @Test
    void everyPartHasItsAllowList() {
        assertEquals(Arrays.asList(Part.values()), List.copyOf(ArchitectureRules.MAY_DEPEND_ON.keySet()));
    }

    @Test
    void readsTheModulesOfTheRootPom() {
        List<String> folders = build.modules().stream().map(Module::folder).toList();
        assertTrue(folders.containsAll(List.of("platform/api", "platform/runtime/launcher", "plugins/pythia", "distribution")),
                "modules read from the root POM: " + folders);
    }
}
