package io.timelapse.plugin.pythia.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reading the {@code run.json} files that commands leave behind. */
final class RunFiles {

    private RunFiles() {}

    /** The single {@code run.json} under {@code root}. */
    static JsonNode onlyRun(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> runs = files.filter(p -> p.getFileName().toString().equals("run.json")).toList();
            assertEquals(1, runs.size(), "run.json files under " + root + ": " + runs);
            return read(runs.get(0));
        }
    }

    /** The run directories under {@code root}, which also holds the hidden checksum cache; none when it does not exist. */
    static List<Path> runDirectories(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    static JsonNode read(Path runJson) throws IOException {
        return new ObjectMapper().readTree(runJson.toFile());
    }

    /** The recorded inputs: file name to sha256. */
    static Map<String, String> inputs(JsonNode run) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode input : run.get("inputs")) {
            out.put(Path.of(input.get("path").asText()).getFileName().toString(), input.get("sha256").asText());
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
