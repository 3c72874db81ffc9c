package io.timelapse.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that every rule bites: over a planted build laid out like the real one, each rule fails on its planted
 * violations, names each of them, and reports nothing else (the planted classes that keep to the rules pass).
 */
class PlantedViolationsTest {

    private static final String PLANTED = "io.timelapse.architecture.planted.";

    @TempDir
    static Path root;

    private static Build build;
    private static JavaClasses classes;

    @BeforeAll
    static void plant() {
        build = parts(new PlantedBuild(root)).read();
        classes = build.importClasses();
    }

    /** One module per part, each with a package that keeps to the rules and one that breaks them. */
    private static PlantedBuild parts(PlantedBuild planted) {
        return planted
                .pomModule("platform/parent")
                .module("platform/api", planted("api"), planted("api.violation"))
                .module("platform/libs/checksums", planted("lib"), planted("lib.violation"))
                .module("platform/libs/bench", planted("bench"), planted("bench.violation"))
                .module("platform/compute/conformance", planted("conformance"), planted("conformance.violation"))
                .module("platform/compute/fake", planted("compute"), planted("compute.violation"))
                .module("platform/runtime/launcher", planted("launcher"), planted("launcher.violation"))
                .module("platform/runtime/runs", planted("runtime"), planted("runtime.violation"))
                .module("platform/services/lm", planted("service"), planted("service.violation"))
                .module("platform/testkit", planted("testkit"), planted("testkit.violation"))
                .module("platform/testdata", planted("testdata"), planted("testdata.violation"))
                .module("plugins/alpha", planted("alpha"), planted("alpha.violation"))
                .module("plugins/beta", planted("beta"), planted("beta.cycle.first"), planted("beta.cycle.second"))
                .module("plugins/rogue", "org.example.rogue")
                .pomModule("distribution");
    }

    @Test
    void apiDependingOnASharedLibraryIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.rule(build, Part.API), "api.violation.LeaksSharedLibrary");
    }

    @Test
    void sharedLibraryReachingIntoTheRuntimeIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.rule(build, Part.SHARED_LIBRARY), "lib.violation.LibraryReachesIntoRuntime");
    }

    @Test
    void benchmarkLibraryUsingAnotherSharedLibraryIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.rule(build, Part.BENCH_LIBRARY), "bench.violation.BenchUsesSharedLibrary");
    }

    @Test
    void computeBackendUsingASharedLibraryIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.rule(build, Part.COMPUTE_BACKEND), "compute.violation.BackendUsesSharedLibrary");
    }

    @Test
    void conformanceKitSeeingABackendIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.rule(build, Part.COMPUTE_CONFORMANCE), "conformance.violation.SuiteKnowsTheBackend");
    }

    @Test
    void testDataUsingTheApiIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.rule(build, Part.TEST_DATA), "testdata.violation.FixtureKnowsTheApi");
    }

    @Test
    void launcherDependingOnABundleOfOursIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.rule(build, Part.LAUNCHER), "launcher.violation.LauncherKnowsTheApi");
    }

    @Test
    void runtimeUsingTheComputeBackendIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.rule(build, Part.RUNTIME), "runtime.violation.RuntimeUsesTheBackend");
    }

    @Test
    void serviceReachingIntoTheRuntimeIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.rule(build, Part.SERVICE), "service.violation.ServiceReachesIntoRuntime");
    }

    @Test
    void testKitUsingAServiceIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.rule(build, Part.TESTKIT), "testkit.violation.TesterUsesAService");
    }

    @Test
    void pluginsKeepingToApiAndSharedLibrariesOnlyAreEnforcedWhateverTheirPackage() {
        assertBitesOnlyOn(ArchitectureRules.rule(build, Part.PLUGIN), "alpha.violation.UsesOtherPlugin",
                "alpha.violation.PluginReachesIntoRuntime", "alpha.violation.UsesTensorFlow", "alpha.violation.LaunchesFelix",
                "org.example.rogue.RoguePluginReachesIntoRuntime");
    }

    @Test
    void tensorFlowOutsideTheComputeBackendIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.onlySees(build, Part.COMPUTE_BACKEND, Library.TENSORFLOW),
                "alpha.violation.UsesTensorFlow");
    }

    @Test
    void felixOutsideTheLauncherIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.onlySees(build, Part.LAUNCHER, Library.OSGI_LAUNCHING), "alpha.violation.LaunchesFelix");
    }

    @Test
    void packageCycleIsCaught() {
        assertBitesOnlyOn(ArchitectureRules.noPackageCycles(), "beta.cycle.first.First", "beta.cycle.second.Second");
    }

    @Test
    void everyRuleHasAPlantHere() {
        assertEquals(ArchitectureRules.of(build).size(), Part.values().length + ArchitectureRules.EXCLUSIVE.size() + 1,
                "a new rule needs its planted violation in this test");
    }

    @Test
    void theRulesSeeEveryPlantedModule() {
        assertEquals(List.of(), build.unclassified());
        assertEquals(List.of(), build.withoutClasses(classes));
        assertEquals(Map.of(), build.splitPackages());
    }

    @Test
    void moduleInAFolderNoPartClaimsIsCaught(@TempDir Path other) {
        Build stray = parts(new PlantedBuild(other)).module("tools/stray", planted("stray")).read();
        assertEquals(List.of("tools/stray"), folders(stray.unclassified()));
    }

    @Test
    void moduleWithoutCompiledClassesIsCaught(@TempDir Path other) {
        Build uncompiled = parts(new PlantedBuild(other)).uncompiled("plugins/gamma", planted("stray")).read();
        assertEquals(List.of("plugins/gamma"), folders(uncompiled.withoutClasses(uncompiled.importClasses())));
    }

    @Test
    void packageSplitAcrossModulesIsCaught(@TempDir Path other) {
        Build split = parts(new PlantedBuild(other)).module("plugins/gamma", planted("beta")).read();
        assertEquals(Map.of(PLANTED + "beta", List.of("plugins/beta", "plugins/gamma")),
                Map.of(PLANTED + "beta", folders(split.splitPackages().get(PLANTED + "beta"))));
        assertEquals(1, split.splitPackages().size());
    }

    private static void assertBitesOnlyOn(ArchRule rule, String... plants) {
        EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), "rule '" + rule.getDescription() + "' must fail on its planted violations");
        List<String> details = result.getFailureReport().getDetails();
        for (String plant : plants) {
            assertTrue(details.stream().anyMatch(detail -> detail.contains(className(plant))),
                    "the report of '" + rule.getDescription() + "' must name " + plant + ": " + details);
        }
        for (String detail : details) {
            assertFalse(List.of(plants).stream().noneMatch(plant -> detail.contains(className(plant))),
                    "'" + rule.getDescription() + "' reports a class that keeps to it: " + detail);
        }
    }

    private static String className(String plant) {
        return plant.contains("example") ? plant : PLANTED + plant;
    }

    private static String planted(String pkg) {
        return PLANTED + pkg;
    }

    private static List<String> folders(List<Module> modules) {
        return modules.stream().map(Module::folder).toList();
    }
}
