package io.timelapse.platform.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.cli.DefaultSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Default option values from the {@code --config FILE} JSON object. A top-level key names an option
 * ({@code "seq-length": 2048}); a key naming a command ({@code "pythia index": {...}}) holds values
 * for that command only and wins over the top level. Values given on the command line win over both.
 * Without either, {@code --seed} defaults to the seed the command declares with {@link DefaultSeed}.
 */
final class ConfigDefaults implements IDefaultValueProvider {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JsonNode root;
    private final String problem;

    private ConfigDefaults(Path file, JsonNode root, String problem) {
        this.file = file;
        this.root = root;
        this.problem = problem;
    }

    /**
     * Reads the file {@code --config} names in {@code args}. A file that cannot be used is reported
     * by {@link #validate} as a usage error of the command it was given to.
     */
    static ConfigDefaults from(String[] args) {
        Path file = configFile(args);
        if (file == null) {
            return new ConfigDefaults(null, JSON.createObjectNode(), null);
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                return unusable(file, "expected a JSON object of option names to values");
            }
            return new ConfigDefaults(file, root, null);
        } catch (JsonProcessingException e) {
            return unusable(file, "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            return unusable(file, Files.isDirectory(file) ? "is a directory" : Files.exists(file) ? "not readable" : "no such file");
        }
    }

    private static ConfigDefaults unusable(Path file, String problem) {
        return new ConfigDefaults(file, JSON.createObjectNode(), "--config " + file + ": " + problem);
    }

    /** Why the {@code --config} file cannot be used, or null. */
    String problem() {
        return problem;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!arg.isOption()) {
            return null;
        }
        String key = key((OptionSpec) arg);
        JsonNode commandSection = root.get(commandPath(arg.command()));
        JsonNode value = commandSection != null && commandSection.has(key) ? commandSection.get(key) : root.get(key);
        if (value != null && !value.isObject()) {
            return text(value);
        }
        return key.equals("seed") ? declaredSeed(arg.command()) : null;
    }

    /** The seed a command declares with {@link DefaultSeed}, or null for the option's own default. */
    private static String declaredSeed(CommandSpec command) {
        Object userObject = command.userObject();
        DefaultSeed seed = userObject == null ? null : userObject.getClass().getAnnotation(DefaultSeed.class);
        return seed == null ? null : Long.toString(seed.value());
    }

    /**
     * Refuses a {@code --config} file that cannot be read, and keys that name no option of the
     * command about to run, so a typo is never ignored.
     */
    void validate(CommandSpec command) {
        if (problem != null) {
            throw new CommandLine.ParameterException(command.commandLine(), problem);
        }
        if (file == null) {
            return;
        }
        Set<String> known = new TreeSet<>();
        command.options().forEach(option -> known.add(key(option)));
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getValue().isObject()) {
                if (entry.getKey().equals(commandPath(command))) {
                    entry.getValue().fieldNames().forEachRemaining(name -> {
                        if (!known.contains(name)) {
                            unknown.add(entry.getKey() + "." + name);
                        }
                    });
                }
            } else if (!known.contains(entry.getKey())) {
                unknown.add(entry.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw new CommandLine.ParameterException(command.commandLine(), "--config " + file + ": " + unknown
                    + " name no option of '" + commandPath(command) + "'; its options are " + known);
        }
    }

    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    private static String commandPath(CommandSpec command) {
        return command.qualifiedName(" ").replaceFirst("^timelapse ?", "");
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }

    private static Path configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--config=")) {
                return Path.of(args[i].substring("--config=".length()));
            }
        }
        return null;
    }
}
