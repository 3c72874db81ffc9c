package io.timelapse.architecture;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks every rule over the production classes of all modules (the module jars on the test class path). */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importAllModules() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.timelapse");
    }

    static Stream<ArchRule> rules() {
        return ArchitectureRules.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void holds(ArchRule rule) {
        rule.check(production);
    }

    /** Guards against a class path that silently lost modules, which would make every rule pass. */
    @Test
    void seesEveryModule() {
        for (String pkg : new String[] {"io.timelapse.api.plugin", "io.timelapse.lib.files", "io.timelapse.platform.launcher",
                "io.timelapse.platform.shell", "io.timelapse.platform.runs", "io.timelapse.example.hello",
                "io.timelapse.platform.compute.tensorflow.graph", "io.timelapse.testkit", "io.timelapse.plugin.pythia.cli", "io.timelapse.plugin.openfold.features"}) {
            assertTrue(production.containPackage(pkg), "the architecture test must see " + pkg);
        }
    }
}
