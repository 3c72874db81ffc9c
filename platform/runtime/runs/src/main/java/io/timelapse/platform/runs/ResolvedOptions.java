package io.timelapse.platform.runs;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Every option and parameter of a command with its final value, defaults included, as {@code run.json} records them. */
final class ResolvedOptions {

    /**
     * Options that say where and how verbosely a command runs, not what it computes: a run resumed
     * with other values of these is the same run.
     */
    static final Set<String> SHARED = Set.of("out", "quiet", "log-level", "config", "plugins");

    private ResolvedOptions() {}

    static Map<String, Object> of(CommandSpec spec) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                config.put(key(option), jsonValue(option));
            }
        }
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            config.put(key(parameter), jsonValue(parameter));
        }
        return config;
    }

    /** The name of an option or parameter on the command line: {@code --steps}, or a parameter's label. */
    static String displayName(CommandSpec spec, String key) {
        for (OptionSpec option : spec.options()) {
            if (key(option).equals(key)) {
                return option.longestName();
            }
        }
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            if (key(parameter).equals(key)) {
                return parameter.paramLabel().replaceAll("[<>]", "");
            }
        }
        return key;
    }

    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    private static String key(PositionalParamSpec parameter) {
        return parameter.paramLabel().replaceAll("[<>]", "").toLowerCase(Locale.ROOT);
    }

    private static Object jsonValue(ArgSpec arg) {
        Object value = arg.getValue();
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Path path) {
            return path.toString();
        }
        if (value instanceof Iterable<?> items) {
            List<String> list = new ArrayList<>();
            items.forEach(item -> list.add(String.valueOf(item)));
            return list;
        }
        if (value.getClass().isArray()) {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(String.valueOf(Array.get(value, i)));
            }
            return list;
        }
        return String.valueOf(value);
    }
}
