package io.timelapse.platform.lm.cli;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Checks of option values, made before a run starts: a bad value is a usage error (exit 2) whose
 * message names the option and the value, and no run directory is left behind.
 */
final class OptionChecks {

    private final CommandSpec spec;

    OptionChecks(CommandSpec spec) {
        this.spec = spec;
    }

    void atLeast(String option, long value, long minimum) {
        if (value < minimum) {
            throw error(option, Long.toString(value), "must be at least " + minimum);
        }
    }

    void positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw error(option, text(value), "must be a positive number");
        }
    }

    void notNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw error(option, text(value), "must be zero or a positive number");
        }
    }

    /** A file the command reads. */
    void file(String option, Path path) {
        if (Files.isDirectory(path)) {
            throw error(option, path.toString(), "is a directory, not a file");
        }
        readable(option, path);
    }

    /** A directory the command reads. */
    void directory(String option, Path path) {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw error(option, path.toString(), "not a directory");
        }
        readable(option, path);
    }

    private void readable(String option, Path path) {
        if (!Files.exists(path)) {
            throw error(option, path.toString(), "no such file or directory");
        }
        if (!Files.isReadable(path)) {
            throw error(option, path.toString(), "permission denied");
        }
    }

    ParameterException error(String option, String value, String problem) {
        return new ParameterException(spec.commandLine(), option + " " + value + ": " + problem);
    }

    /** 0.001 rather than 1.0E-3. */
    private static String text(double value) {
        return Double.isFinite(value) ? BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() : Double.toString(value);
    }
}
