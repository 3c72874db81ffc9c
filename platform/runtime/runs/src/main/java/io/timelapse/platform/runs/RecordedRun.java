package io.timelapse.platform.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the {@code run.json} already in a run directory says. */
final class RecordedRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;

    private RecordedRun(JsonNode root) {
        this.root = root;
    }

    /** The run recorded in {@code directory}, or null when there is none. */
    static RecordedRun in(Path directory) throws IOException {
        Path manifest = directory.resolve(ActiveRun.MANIFEST);
        if (!Files.exists(manifest)) {
            return null;
        }
        JsonNode root;
        try {
            root = JSON.readTree(manifest.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(manifest + ": not a run record: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("status").isTextual() || !root.path("config").isObject()) {
            throw new IOException(manifest + ": not a run record (no status or config)");
        }
        return new RecordedRun(root);
    }

    boolean succeeded() {
        return RunManifest.Status.succeeded.name().equals(status());
    }

    String status() {
        return root.path("status").asText();
    }

    boolean sameCommand(CommandIdentity identity) {
        return identity.plugin().equals(root.path("plugin").asText()) && identity.command().equals(root.path("command").asText());
    }

    /** The command as a user names it: {@code 'lm train'}, {@code 'pythia index'}. */
    String commandName() {
        return "'" + new CommandIdentity(root.path("plugin").asText(), root.path("command").asText()).displayName() + "'";
    }

    /** {@code a finished run of 'lm train' (succeeded at 2026-03-04T05:06:07Z)}. */
    String describe() {
        String when = root.path("end").isTextual() ? " at " + root.path("end").asText() : "";
        return (succeeded() ? "a finished run of " : "a run of ") + commandName() + " (" + status() + when + ")";
    }

    JsonNode config() {
        return root.path("config");
    }

    String start() {
        return root.path("start").asText(null);
    }

    long seed() {
        return root.path("seed").asLong();
    }

    /** Earlier restarts of the run, oldest first. */
    JsonNode resumes() {
        return root.path("resumes");
    }

    Map<String, Object> results() {
        if (!root.path("results").isObject()) {
            return new LinkedHashMap<>();
        }
        return JSON.convertValue(root.path("results"), new TypeReference<LinkedHashMap<String, Object>>() {});
    }
}
