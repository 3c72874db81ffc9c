package io.timelapse.platform.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One benchmark run by the distribution's launcher in a JVM of its own, so it starts as it does when a user runs it
 * alone, with none of the threads, heap or native memory the benchmarks before it left behind.
 */
final class BenchmarkProcess {

    /** The property the launcher script sets to the distribution's folder. */
    static final String HOME_PROPERTY = "timelapse.home";

    private final Path launcher;

    private BenchmarkProcess(Path launcher) {
        this.launcher = launcher;
    }

    /** The launcher of the distribution this JVM was started from, or empty outside a distribution (tests). */
    static Optional<BenchmarkProcess> ofDistribution() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank()) {
            return Optional.empty();
        }
        Path launcher = Path.of(home, "bin", "timelapse");
        return Files.isExecutable(launcher) ? Optional.of(new BenchmarkProcess(launcher)) : Optional.empty();
    }

    /**
     * Runs {@code timelapse bench <name> <arguments>}: its standard output is this process's, and what it prints on
     * standard error goes to {@code err} as it comes and into {@code errors}. Returns its exit code.
     */
    int run(String name, List<String> arguments, PrintWriter err, StringBuilder errors) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "bench", name));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        process.getOutputStream().close();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                err.println(line);
                errors.append(line).append('\n');
            }
        }
        err.flush();
        return process.waitFor();
    }
}
