package io.timelapse.platform.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a PyTorch reference script with an external Python and reads the JSON it prints on standard
 * output; its standard error goes to ours. A missing Python or torch is a result, not a failure:
 * the benchmark then measures Timelapse alone and says why.
 */
final class PyTorchReference {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(JsonNode json, String problem) {
        boolean available() {
            return json != null;
        }
    }

    private PyTorchReference() {}

    /** Runs {@code script}, a resource of this bundle, or {@code override} when given. */
    static Result run(String python, String script, Path override, List<String> args) throws IOException, InterruptedException {
        if (override != null) {
            return Files.isRegularFile(override) ? runFile(python, override, args)
                    : new Result(null, "no PyTorch reference script at " + override);
        }
        Path file = Files.createTempFile("timelapse-bench-", ".py");
        try (InputStream in = PyTorchReference.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks its benchmark script " + script);
            }
            Files.write(file, in.readAllBytes());
            return runFile(python, file, args);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Result runFile(String python, Path script, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException notInstalled) {
            return new Result(null, python + " cannot be started (" + notInstalled.getMessage() + ")");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            return new Result(null, String.join(" ", command) + " failed (is torch installed? apt-get install python3-torch)");
        }
        return new Result(JSON.readTree(output), null);
    }
}
