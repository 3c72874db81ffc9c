package io.timelapse.plugin.dsb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the bundled PyTorch reference of {@code bench dsb} ({@code bench/dsb_torch_reference.py}) with an external
 * Python and reads the JSON object it prints; its standard error goes to ours. A missing Python or torch is a
 * result, not a failure: the benchmark then measures Timelapse alone and says why.
 */
final class TorchReference {

    static final String SCRIPT = "/io/timelapse/plugin/dsb/bench/dsb_torch_reference.py";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The script's JSON, or null with the reason it is missing. */
    record Result(JsonNode json, String problem) {
        boolean available() {
            return json != null;
        }
    }

    private TorchReference() {}

    static Result run(String python, List<String> args) throws IOException, InterruptedException {
        Path script = Files.createTempFile("timelapse-dsb-bench-", ".py");
        try {
            try (InputStream in = TorchReference.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new IllegalStateException("the bundle lacks its benchmark script " + SCRIPT);
                }
                Files.write(script, in.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of(python, script.toString()));
            command.addAll(args);
            Process process;
            try {
                process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            } catch (IOException notInstalled) {
                return new Result(null, python + " cannot be started (" + notInstalled.getMessage() + ")");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0 || output.isEmpty()) {
                return new Result(null, python + " with the PyTorch reference failed (is torch installed? apt-get install python3-torch)");
            }
            return new Result(JSON.readTree(output), null);
        } finally {
            Files.deleteIfExists(script);
        }
    }
}
