package io.timelapse.platform.runs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** The content of {@code run.json}: what ran, with what, where, when, and how it ended. */
final class RunManifest {

    enum Status { running, succeeded, failed, interrupted }

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Object> versions;

    RunManifest(CommandIdentity identity, CommandSpec spec, long seed, Map<String, Object> versions, Instant start) {
        this.versions = new LinkedHashMap<>(versions);
        fields.put("status", Status.running.name());
        fields.put("plugin", identity.plugin());
        fields.put("command", identity.command());
        fields.put("commandLine", commandLine(spec));
        fields.put("config", resolvedConfiguration(spec));
        fields.put("seed", seed);
        fields.put("versions", this.versions);
        fields.put("device", "CPU");
        fields.put("host", hostName());
        fields.put("start", start.toString());
        fields.put("end", null);
        fields.put("exitCode", null);
        fields.put("inputs", inputs);
        fields.put("results", results);
    }

    synchronized void addInput(String path, long bytes, String sha256) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("path", path);
        input.put("bytes", bytes);
        input.put("sha256", sha256);
        inputs.add(input);
    }

    synchronized void result(String key, Object value) {
        results.put(key, value);
    }

    synchronized Map<String, Object> results() {
        return new LinkedHashMap<>(results);
    }

    synchronized void seed(long seed) {
        fields.put("seed", seed);
    }

    synchronized void device(String description) {
        fields.put("device", description);
    }

    @SuppressWarnings("unchecked")
    synchronized void libraryVersions(Map<String, String> more) {
        Object libraries = versions.computeIfAbsent("libraries", k -> new LinkedHashMap<String, Object>());
        ((Map<String, Object>) libraries).putAll(more);
    }

    synchronized void finish(Status status, Instant end) {
        fields.put("status", status.name());
        fields.put("end", end.toString());
        fields.put("exitCode", status == Status.succeeded ? 0 : 1);
    }

    synchronized Status status() {
        return Status.valueOf((String) fields.get("status"));
    }

    synchronized Map<String, Object> snapshot() {
        return new LinkedHashMap<>(fields);
    }

    private static List<String> commandLine(CommandSpec spec) {
        List<String> line = new ArrayList<>();
        line.add("timelapse");
        if (spec.commandLine() != null && spec.commandLine().getParseResult() != null) {
            line.addAll(spec.root().commandLine().getParseResult().originalArgs());
        } else {
            line.add(spec.qualifiedName(" "));
        }
        return line;
    }

    /** Every option and parameter of the command with its final value, defaults included. */
    private static Map<String, Object> resolvedConfiguration(CommandSpec spec) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            if (!option.usageHelp() && !option.versionHelp()) {
                config.put(option.longestName().replaceFirst("^-+", ""), jsonValue(option));
            }
        }
        for (PositionalParamSpec parameter : spec.positionalParameters()) {
            config.put(parameter.paramLabel().replaceAll("[<>]", "").toLowerCase(java.util.Locale.ROOT), jsonValue(parameter));
        }
        return config;
    }

    private static Object jsonValue(ArgSpec arg) {
        Object value = arg.getValue();
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof java.nio.file.Path path) {
            return path.toString();
        }
        if (value instanceof Iterable<?> items) {
            List<String> list = new ArrayList<>();
            items.forEach(item -> list.add(String.valueOf(item)));
            return list;
        }
        if (value.getClass().isArray()) {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                list.add(String.valueOf(java.lang.reflect.Array.get(value, i)));
            }
            return list;
        }
        return String.valueOf(value);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
