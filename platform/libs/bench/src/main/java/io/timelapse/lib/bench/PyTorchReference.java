package io.timelapse.lib.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a PyTorch reference script with an external Python and reads the JSON object it prints on standard output;
 * its standard error goes to ours. A Python that cannot start, a script that fails, outlasts the timeout or prints
 * no JSON object is a result with the reason, not a failure: the benchmark then measures Timelapse alone and says
 * why.
 */
public final class PyTorchReference {

    /** How long a reference may run unless the constructor is told otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String python;
    private final Duration timeout;

    /** The JSON object the script printed, or null with the reason there is none. */
    public record Result(JsonNode json, String problem) {

        public boolean available() {
            return json != null;
        }

        /**
         * The figures at {@code path} in the printed object: an array of numbers (one per repeat) or one number; null
         * when the script printed none there.
         */
        public Spread spread(String... path) {
            JsonNode node = json;
            for (String key : path) {
                node = node == null ? null : node.get(key);
            }
            if (node != null && node.isNumber()) {
                return Spread.single(node.asDouble());
            }
            if (node == null || !node.isArray() || node.isEmpty()) {
                return null;
            }
            double[] values = new double[node.size()];
            for (int i = 0; i < values.length; i++) {
                if (!node.get(i).isNumber()) {
                    return null;
                }
                values[i] = node.get(i).asDouble();
            }
            return Spread.of(values);
        }

        static Result missing(String problem) {
            return new Result(null, problem);
        }
    }

    /** Runs scripts with {@code python}, a command on the path or a file, for at most {@link #DEFAULT_TIMEOUT}. */
    public PyTorchReference(String python) {
        this(python, DEFAULT_TIMEOUT);
    }

    public PyTorchReference(String python, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        this.python = python;
        this.timeout = timeout;
    }

    /**
     * Runs {@code script}, a resource of {@code owner}'s bundle named as {@link Class#getResourceAsStream} takes it,
     * or the file {@code override} instead when it is not null.
     *
     * @throws IllegalStateException when the bundle lacks the resource: it was built wrong
     */
    public Result run(Class<?> owner, String script, Path override, List<String> args) throws IOException, InterruptedException {
        if (override != null) {
            return run(override, args);
        }
        Path file = Files.createTempFile("timelapse-bench-", ".py");
        try {
            try (InputStream in = owner.getResourceAsStream(script)) {
                if (in == null) {
                    throw new IllegalStateException("the bundle of " + owner.getName() + " lacks its benchmark script " + script);
                }
                Files.write(file, in.readAllBytes());
            }
            return runFile(file, script.substring(script.lastIndexOf('/') + 1), args);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Runs the script file {@code script}. */
    public Result run(Path script, List<String> args) throws IOException, InterruptedException {
        return Files.isRegularFile(script) ? runFile(script, script.toString(), args)
                : Result.missing("no PyTorch reference script at " + script);
    }

    private Result runFile(Path script, String name, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(args);
        // Standard output goes to a file, not a pipe, so that waiting for the process can time out.
        Path output = Files.createTempFile("timelapse-bench-", ".json");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectOutput(output.toFile())
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            } catch (IOException notStarted) {
                return Result.missing(python + " cannot be started (" + notStarted.getMessage() + ")");
            }
            String what = python + " " + name;
            if (!finished(process)) {
                return Result.missing(what + " did not finish within " + seconds(timeout));
            }
            if (process.exitValue() != 0) {
                return Result.missing(what + " failed with exit code " + process.exitValue()
                        + " (is torch installed? apt-get install python3-torch)");
            }
            JsonNode json = parse(Files.readString(output, StandardCharsets.UTF_8));
            return json != null && json.isObject() ? new Result(json, null) : Result.missing(what + " printed no JSON object");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Waits for {@code process} at most the timeout; kills it when it runs longer or this thread is interrupted. */
    private boolean finished(Process process) throws InterruptedException {
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor();
            return false;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
