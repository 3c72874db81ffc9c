package io.timelapse.architecture;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of the platform, each recognised by the folder of its Maven module (a {@code *} stands for one folder
 * name). The first part whose folder matches wins, so the launcher is not a runtime bundle, the conformance
 * kit is not a backend and the benchmark library is a part of its own among the shared libraries.
 */
enum Part {
    API("the API", "the API", "platform/api"),
    BENCH_LIBRARY("the benchmark library", "the benchmark library", "platform/libs/bench"),
    SHARED_LIBRARY("a shared library", "the shared libraries", "platform/libs/*"),
    COMPUTE_CONFORMANCE("the compute conformance kit", "the compute conformance kit", "platform/compute/conformance"),
    COMPUTE_BACKEND("a compute backend", "the compute backends", "platform/compute/*"),
    LAUNCHER("the launcher", "the launcher", "platform/runtime/launcher"),
    RUNTIME("a runtime bundle", "the runtime bundles", "platform/runtime/*"),
    SERVICE("a platform service", "the platform services", "platform/services/*"),
    TESTKIT("the test kit", "the test kit", "platform/testkit"),
    TEST_DATA("the shared test data", "the shared test data", "platform/testdata"),
    PLUGIN("a plugin", "the plugins", "plugins/*", "examples/*");

    private final String description;
    private final String plural;
    private final List<String> folders;

    Part(String description, String plural, String... folders) {
        this.description = description;
        this.plural = plural;
        this.folders = List.of(folders);
    }

    /** The part of the module in {@code folder} (relative to the build's root, with '/'), if any part claims it. */
    static Optional<Part> ofFolder(String folder) {
        return Arrays.stream(values()).filter(part -> part.claims(folder)).findFirst();
    }

    private boolean claims(String folder) {
        return folders.stream().anyMatch(glob -> Pattern.matches(glob.replace("*", "[^/]+"), folder));
    }

    /** All modules of this part, as a phrase. */
    String all() {
        return plural;
    }

    String folders() {
        return String.join(", ", folders);
    }

    @Override
    public String toString() {
        return description;
    }
}
