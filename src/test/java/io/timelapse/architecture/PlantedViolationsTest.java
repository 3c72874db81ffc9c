package io.timelapse.architecture;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.timelapse.api.planted.LeaksImplementation;
import org.junit.jupiter.api.Test;

/** Proves that every architecture rule fails on a small set of planted violating classes. */
class PlantedViolationsTest {

    private static final String ALPHA = "io.timelapse.plugin.plantedalpha.";

    @Test
    void pluginReachingIntoThePlatformImplementationIsCaught() throws ClassNotFoundException {
        assertBites(ArchitectureRules.PLUGINS_USE_ONLY_THE_PUBLISHED_PLATFORM, planted(ALPHA + "ReachesIntoPlatform"), "Launcher");
    }

    @Test
    void pluginImportingAnotherPluginIsCaught() throws ClassNotFoundException {
        assertBites(ArchitectureRules.PLUGINS_ARE_INDEPENDENT, planted(ALPHA + "UsesOtherPlugin", "io.timelapse.plugin.plantedbeta.BetaService"), "BetaService");
    }

    @Test
    void tensorFlowOutsideTheBackendIsCaught() throws ClassNotFoundException {
        assertBites(ArchitectureRules.ONLY_THE_BACKEND_TOUCHES_TENSORFLOW, planted(ALPHA + "UsesTensorFlow"), "FakeGraph");
        assertBites(ArchitectureRules.PLUGINS_USE_ONLY_THE_PUBLISHED_PLATFORM, planted(ALPHA + "UsesTensorFlow"), "FakeGraph");
    }

    @Test
    void felixOutsideTheLauncherIsCaught() throws ClassNotFoundException {
        assertBites(ArchitectureRules.ONLY_THE_LAUNCHER_LAUNCHES_FELIX, planted(ALPHA + "LaunchesFelix"), "FrameworkFactory");
    }

    @Test
    void apiDependingOnImplementationIsCaught() {
        assertBites(ArchitectureRules.API_DEPENDS_ON_NO_IMPLEMENTATION, new ClassFileImporter().importClasses(LeaksImplementation.class), "Launcher");
    }

    @Test
    void packageCycleIsCaught() throws ClassNotFoundException {
        assertBites(ArchitectureRules.NO_PACKAGE_CYCLES,
                planted("io.timelapse.plugin.plantedcycle.first.First", "io.timelapse.plugin.plantedcycle.second.Second"), "Cycle");
    }

    private static JavaClasses planted(String... classNames) throws ClassNotFoundException {
        Class<?>[] classes = new Class<?>[classNames.length];
        for (int i = 0; i < classNames.length; i++) {
            classes[i] = Class.forName(classNames[i]);
        }
        return new ClassFileImporter().importClasses(classes);
    }

    private static void assertBites(ArchRule rule, JavaClasses violating, String expectedInReport) {
        AssertionError failure = assertThrows(AssertionError.class, () -> rule.check(violating),
                "rule '" + rule.getDescription() + "' must fail on planted violations");
        assertTrue(failure.getMessage().contains(expectedInReport),
                "the report must name the violation (" + expectedInReport + "): " + failure.getMessage());
    }
}
