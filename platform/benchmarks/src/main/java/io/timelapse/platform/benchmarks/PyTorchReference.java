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

/** Runs a bundled PyTorch reference script with an external Python and reads its one-line JSON result. */
final class PyTorchReference {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(JsonNode json, String problem) {
        boolean available() {
            return json != null;
        }
    }

    private PyTorchReference() {}

    static Result run(String python, String script, List<String> args) throws IOException, InterruptedException {
        Path file = Files.createTempFile("timelapse-bench-", ".py");
        try (InputStream in = PyTorchReference.class.getResourceAsStream(script)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks its benchmark script " + script);
            }
            Files.write(file, in.readAllBytes());
            List<String> command = new ArrayList<>(List.of(python, file.toString()));
            command.addAll(args);
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException notInstalled) {
                return new Result(null, python + " cannot be started (" + notInstalled.getMessage() + ")");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                String last = output.lines().reduce((first, second) -> second).orElse("no output");
                return new Result(null, python + " failed (is torch installed? apt-get install python3-torch): " + last);
            }
            String lastLine = output.lines().reduce((first, second) -> second).orElse("{}");
            return new Result(JSON.readTree(lastLine), null);
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
