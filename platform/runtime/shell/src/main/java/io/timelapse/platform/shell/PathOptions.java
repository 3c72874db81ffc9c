package io.timelapse.platform.shell;

import java.io.File;
import java.lang.reflect.Array;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Finds the option or parameter a file came from: the one whose value is the file, else the
 * directory that holds it (a result inside {@code --out}), else a file on the way to it (a missing
 * parent of {@code --out}).
 */
final class PathOptions {

    /** An option ({@code name} {@code --out}) or a positional parameter ({@code name} null) and its value. */
    record Source(String name, String value) {}

    private static final Path HERE = Path.of("").toAbsolutePath();

    private PathOptions() {}

    static Source find(ParseResult parsed, String file) {
        if (parsed == null || file == null) {
            return null;
        }
        Path target = absolute(file);
        if (target == null) {
            return null;
        }
        Source best = null;
        int bestScore = 0;
        for (CommandLine command : parsed.asCommandLineList()) {
            for (ArgSpec arg : command.getCommandSpec().args()) {
                for (String value : values(arg.getValue())) {
                    int score = score(target, absolute(value));
                    if (score > bestScore) {
                        bestScore = score;
                        best = new Source(arg.isOption() ? ((OptionSpec) arg).longestName() : null, value);
                    }
                }
            }
        }
        return best;
    }

    private static int score(Path target, Path candidate) {
        if (candidate == null) {
            return 0;
        }
        if (candidate.equals(target)) {
            return 3;
        }
        // The working directory and the root hold every file: they say nothing about where one came from.
        boolean broad = candidate.equals(HERE) || candidate.getParent() == null;
        if (!broad && target.startsWith(candidate)) {
            return 2;
        }
        return !broad && candidate.startsWith(target) && target.getParent() != null ? 1 : 0;
    }

    private static List<String> values(Object value) {
        List<String> values = new ArrayList<>();
        if (value instanceof Path || value instanceof File || value instanceof String) {
            values.add(value.toString());
        } else if (value instanceof Collection<?> items) {
            items.forEach(item -> values.addAll(values(item)));
        } else if (value != null && value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                values.addAll(values(Array.get(value, i)));
            }
        }
        values.removeIf(String::isBlank);
        return values;
    }

    private static Path absolute(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }
}
