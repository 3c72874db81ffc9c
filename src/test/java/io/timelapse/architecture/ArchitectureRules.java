package io.timelapse.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/** The rules that keep the architecture from eroding. Each is proven to bite in {@code PlantedViolationsTest}. */
final class ArchitectureRules {

    static final String PLUGINS = "io.timelapse.plugin..";
    static final String EXAMPLES = "io.timelapse.example..";
    static final String API = "io.timelapse.api..";
    static final String SHARED_LIBRARIES = "io.timelapse.lib..";
    static final String PLATFORM_IMPLEMENTATION = "io.timelapse.platform..";
    static final String COMPUTE_BACKEND = "io.timelapse.platform.compute.tensorflow..";
    static final String LAUNCHER = "io.timelapse.platform.launcher..";

    static final ArchRule PLUGINS_USE_ONLY_THE_PUBLISHED_PLATFORM = noClasses()
            .that().resideInAnyPackage(PLUGINS, EXAMPLES)
            .should().dependOnClassesThat().resideInAnyPackage(PLATFORM_IMPLEMENTATION,
                    "org.tensorflow..", "org.bytedeco..", "org.apache.felix..", "org.osgi.framework.launch..")
            .as("plugins depend only on platform API packages, the JDK and ordinary third-party libraries");

    static final ArchRule PLUGINS_ARE_INDEPENDENT = slices()
            .matching("io.timelapse.plugin.(*)..")
            .should().notDependOnEachOther()
            .as("no plugin depends on another plugin");

    static final ArchRule ONLY_THE_BACKEND_TOUCHES_TENSORFLOW = noClasses()
            .that().resideOutsideOfPackage(COMPUTE_BACKEND)
            .should().dependOnClassesThat().resideInAnyPackage("org.tensorflow..", "org.bytedeco..")
            .as("only the compute backend touches org.tensorflow and org.bytedeco");

    static final ArchRule ONLY_THE_LAUNCHER_LAUNCHES_FELIX = noClasses()
            .that().resideOutsideOfPackage(LAUNCHER)
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.felix..", "org.osgi.framework.launch..")
            .as("only the launcher touches Felix's framework-launching classes");

    static final ArchRule API_DEPENDS_ON_NO_IMPLEMENTATION = noClasses()
            .that().resideInAnyPackage(API, SHARED_LIBRARIES)
            .should().dependOnClassesThat().resideInAnyPackage(PLATFORM_IMPLEMENTATION, PLUGINS, EXAMPLES)
            .as("API packages depend on no implementation package");

    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("io.timelapse.(**)")
            .should().beFreeOfCycles()
            .as("no package cycles");

    static final List<ArchRule> ALL = List.of(
            PLUGINS_USE_ONLY_THE_PUBLISHED_PLATFORM,
            PLUGINS_ARE_INDEPENDENT,
            ONLY_THE_BACKEND_TOUCHES_TENSORFLOW,
            ONLY_THE_LAUNCHER_LAUNCHES_FELIX,
            API_DEPENDS_ON_NO_IMPLEMENTATION,
            NO_PACKAGE_CYCLES);

    private ArchitectureRules() {}
}
