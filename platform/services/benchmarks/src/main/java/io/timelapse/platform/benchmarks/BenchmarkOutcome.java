package io.timelapse.platform.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How one benchmark of {@code bench all} ended: its exit code, why it failed, and what its run recorded
 * ({@code results}, {@code versions}, {@code device} of its {@code run.json}; missing nodes when it wrote none).
 */
record BenchmarkOutcome(String name, int exitCode, String error, JsonNode results, JsonNode versions, String device) {

    private static final ObjectMapper JSON = new ObjectMapper();

    boolean succeeded() {
        return exitCode == 0;
    }

    /**
     * The outcome of {@code name}, which exited with {@code exitCode} after writing (or not) {@code runDirectory};
     * {@code printedError} is the error line it printed, the reason when its run recorded none.
     */
    static BenchmarkOutcome read(String name, int exitCode, Path runDirectory, String printedError) {
        Path manifest = runDirectory.resolve("run.json");
        JsonNode run = MissingNode.getInstance();
        String problem = null;
        if (Files.isRegularFile(manifest)) {
            try {
                run = JSON.readTree(manifest.toFile());
            } catch (IOException e) {
                problem = manifest + " cannot be read: " + e.getMessage();
            }
        }
        String error = null;
        if (exitCode != 0) {
            String recorded = run.path("error").isTextual() ? run.path("error").asText() : null;
            error = "exit " + exitCode + ": " + firstOf(recorded, printedError, problem, "no reason given");
        }
        String device = run.path("device").isTextual() ? run.path("device").asText() : null;
        return new BenchmarkOutcome(name, exitCode, error, run.path("results"), run.path("versions"), device);
    }

    private static String firstOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }
}
