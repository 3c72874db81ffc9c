package io.timelapse.plugin.dsb.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code dsb train} records next to its checkpoints ({@value #FILE}) so that {@code dsb probe} can rebuild the
 * classifier: the architecture, the image shape and the data set it was trained on.
 */
public record ModelRecord(String model, ImageShape shape, String dataset) {

    public static final String FILE = "model.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public void write(Path folder) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("model", model).put("channels", shape.channels()).put("height", shape.height()).put("width", shape.width())
            .put("classes", shape.classes()).put("dataset", dataset);
        Files.createDirectories(folder);
        AtomicFiles.writeString(folder.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
    }

    /** Reads {@code file}; a file that is not such a record is an IOException naming it and what is wrong. */
    public static ModelRecord read(Path file) throws IOException {
        JsonNode node;
        try {
            node = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        for (String key : new String[] {"model", "channels", "height", "width", "classes", "dataset"}) {
            if (node == null || !node.hasNonNull(key)) {
                throw new IOException(file + ": no \"" + key + "\" (not a model record written by dsb train)");
            }
        }
        try {
            ImageShape shape = new ImageShape(node.get("channels").asInt(), node.get("height").asInt(), node.get("width").asInt(),
                node.get("classes").asInt());
            return new ModelRecord(node.get("model").asText(), shape, node.get("dataset").asText());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage());
        }
    }
}
