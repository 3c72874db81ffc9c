package io.timelapse.plugin.openfold.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.shard.Shard;
import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code openfold dataset build --shard i/n} writes last into its run as {@value #FILE}: the shard and how many
 * structure files the whole build splits, so that {@code openfold dataset merge} can check its shards belong together.
 */
public record DatasetShard(Shard shard, int structures) {

    public static final String FILE = "shard.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public void write(Path run) throws IOException {
        String text = JSON.writeValueAsString(JSON.createObjectNode().put("shard", shard.toString()).put("structures", structures));
        AtomicFiles.writeBytes(run.resolve(FILE), (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the {@value #FILE} of a shard's run directory; the exception's message names the directory or file. */
    public static DatasetShard read(Path run) throws IOException {
        Path file = run.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(run + ": no " + FILE + " (not the run directory of a finished 'openfold dataset build --shard i/n')");
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            return new DatasetShard(Shard.parse(node.get("shard").asText()), node.get("structures").asInt());
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a shard record of 'openfold dataset build --shard i/n' (" + e.getMessage() + ")", e);
        }
    }
}
