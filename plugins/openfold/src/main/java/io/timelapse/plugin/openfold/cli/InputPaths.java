package io.timelapse.plugin.openfold.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks the input paths of a command line before a run starts: a bad one is a usage error. */
final class InputPaths {

    private InputPaths() {}

    /** {@code path}, a readable file given as {@code option} (an option name or a positional label). */
    static Path file(CommandSpec spec, String option, Path path) {
        exists(spec, option, path, "file");
        if (Files.isDirectory(path)) {
            throw new ParameterException(spec.commandLine(), option + " " + path + ": is a folder, not a file");
        }
        return readable(spec, option, path);
    }

    /** {@code path}, a readable folder given as {@code option}. */
    static Path folder(CommandSpec spec, String option, Path path) {
        exists(spec, option, path, "folder");
        if (!Files.isDirectory(path)) {
            throw new ParameterException(spec.commandLine(), option + " " + path + ": not a folder");
        }
        return readable(spec, option, path);
    }

    private static void exists(CommandSpec spec, String option, Path path, String kind) {
        if (!Files.exists(path)) {
            throw new ParameterException(spec.commandLine(), option + " " + path + ": no such " + kind);
        }
    }

    private static Path readable(CommandSpec spec, String option, Path path) {
        if (!Files.isReadable(path)) {
            throw new ParameterException(spec.commandLine(), option + " " + path + ": permission denied");
        }
        return path;
    }
}
