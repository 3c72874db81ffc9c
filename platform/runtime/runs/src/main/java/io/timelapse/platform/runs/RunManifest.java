package io.timelapse.platform.runs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** The content of {@code run.json}: what ran, with what, where, when, and how it ended. */
final class RunManifest {

    enum Status { running, succeeded, failed, interrupted }

    /** The exit code of a process stopped by Ctrl-C (128 + SIGINT), recorded for every interrupted run. */
    static final int INTERRUPTED_EXIT_CODE = 130;

    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<Map<String, Object>> inputs = new ArrayList<>();
    private final Map<String, Object> results = new LinkedHashMap<>();
    private final Map<String, Object> versions;

    RunManifest(CommandIdentity identity, CommandSpec spec, long seed, Map<String, Object> versions, Instant start) {
        this.versions = new LinkedHashMap<>(versions);
        Invocation invocation = Invocation.of(spec);
        fields.put("status", Status.running.name());
        fields.put("plugin", identity.plugin());
        fields.put("command", identity.command());
        fields.put("commandLine", invocation.commandLine());
        if (invocation.invokedAs() != null) {
            fields.put("invokedAs", invocation.invokedAs());
        }
        fields.put("config", ResolvedOptions.of(spec));
        fields.put("seed", seed);
        fields.put("versions", this.versions);
        // Only a command that computes knows its device, and records it with Run.device.
        fields.put("device", null);
        fields.put("host", hostName());
        fields.put("start", start.toString());
        fields.put("end", null);
        fields.put("exitCode", null);
        fields.put("error", null);
        fields.put("inputs", inputs);
        fields.put("results", results);
    }

    /** Continues {@code previous}: its start time and results stay, and this restart is listed under {@code resumes}. */
    synchronized void continuing(RecordedRun previous, Instant restart) {
        List<String> resumes = new ArrayList<>();
        previous.resumes().forEach(time -> resumes.add(time.asText()));
        resumes.add(restart.toString());
        if (previous.start() != null) {
            fields.put("start", previous.start());
        }
        fields.put("resumes", resumes);
        results.putAll(previous.results());
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

    synchronized long seed() {
        return ((Number) fields.get("seed")).longValue();
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
        fields.put("exitCode", switch (status) {
            case succeeded -> 0;
            case interrupted -> INTERRUPTED_EXIT_CODE;
            default -> 1;
        });
    }

    /** Records why the command failed, with the exit code the process ends with. */
    synchronized void failed(int exitCode, String error, Instant end) {
        fields.put("status", Status.failed.name());
        if (fields.get("end") == null) {
            fields.put("end", end.toString());
        }
        fields.put("exitCode", exitCode);
        fields.put("error", error);
    }

    synchronized Status status() {
        return Status.valueOf((String) fields.get("status"));
    }

    synchronized Map<String, Object> snapshot() {
        return new LinkedHashMap<>(fields);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
    }
}
