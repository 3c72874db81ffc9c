package io.timelapse.api.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command shares. A command includes them as a picocli mixin
 * ({@code @Mixin CommonOptions common;}); the shell adds them to commands that do not.
 */
public final class CommonOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Run directory (default: runs/<timestamp>-<plugin>-<command>).")
    private Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed for every random choice the command makes (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--config", paramLabel = "FILE",
            description = "JSON file with default option values, keyed by option name.")
    private Path config;

    @Option(names = {"-q", "--quiet"}, description = "Only warnings and errors; no progress bar.")
    private boolean quiet;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "Log level: ERROR, WARN, INFO, DEBUG or TRACE (default: INFO).")
    private String logLevel;

    /** The explicit run directory, or {@code null} for the default one. */
    public Path out() {
        return out;
    }

    public long seed() {
        return seed;
    }

    public Path config() {
        return config;
    }

    public boolean quiet() {
        return quiet;
    }

    public String logLevel() {
        return logLevel;
    }
}
