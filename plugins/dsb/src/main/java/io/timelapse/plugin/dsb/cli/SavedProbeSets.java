package io.timelapse.plugin.dsb.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.files.Sha256;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.dsb.sets.ProbeSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The probe sets of a {@code dsb train} run, saved in its {@value #FOLDER} folder as float32 images
 * ({@code <name>.npy}, count × channels × height × width) and int64 labels ({@code <name>_labels.npy}), with a
 * {@value #MANIFEST} of what they were built from and the SHA-256 of every file, so that a resumed run and
 * {@code dsb probe} score exactly the images the training run scored. The manifest is written last, every file
 * atomically.
 */
final class SavedProbeSets {

    static final String FOLDER = "probe-sets";
    static final String MANIFEST = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What sets are built from; two equal sources give equal sets. {@code files} are the SHA-256 of the data files
     * read, in the order read, and empty when the data is no longer there to be read.
     */
    record Source(String data, String labels, Integer size, boolean rgb, long seed, boolean clip, List<String> files) {

        /** Why sets saved from {@code saved} are not those of this source, or null when they are. */
        String difference(Source saved) {
            List<String> changes = new ArrayList<>();
            if (files.isEmpty() ? !data.equals(saved.data) : !files.equals(saved.files)) {
                changes.add(files.isEmpty() ? "--data " + saved.data : "other data files (their SHA-256 differ)");
            }
            if (!Objects.equals(labels, saved.labels) && files.isEmpty()) {
                changes.add("--labels " + saved.labels);
            }
            if (!Objects.equals(size, saved.size)) {
                changes.add("--size " + (saved.size == null ? "(not given)" : saved.size));
            }
            if (rgb != saved.rgb) {
                changes.add(saved.rgb ? "--rgb" : "no --rgb");
            }
            if (seed != saved.seed) {
                changes.add("--seed " + saved.seed);
            }
            if (clip != saved.clip) {
                changes.add(saved.clip ? "--clip" : "no --clip");
            }
            return changes.isEmpty() ? null : "they were built with " + String.join(", ", changes);
        }
    }

    /**
     * What a folder holds of the sets asked for.
     *
     * @param sets the saved sets that match, by name
     * @param problems why each other set asked for cannot be used, one line each (empty when nothing was saved)
     */
    record Loaded(Map<String, ProbeSet> sets, List<String> problems) {}

    private SavedProbeSets() {}

    /** Saves {@code sets} built from {@code source} into {@code folder}, replacing what was there. */
    static void save(Path folder, Source source, List<ProbeSet> sets) throws IOException {
        ObjectNode manifest = JSON.createObjectNode();
        ObjectNode from = manifest.putObject("built_from");
        from.put("data", source.data()).put("labels", source.labels()).put("size", source.size()).put("rgb", source.rgb())
            .put("seed", source.seed()).put("clip", source.clip());
        ArrayNode files = from.putArray("files_sha256");
        source.files().forEach(files::add);
        ArrayNode entries = manifest.putArray("sets");
        for (ProbeSet set : sets) {
            String images = write(folder.resolve(set.name() + ".npy"),
                NpyArray.ofFloats(set.pixels(), set.count(), set.channels(), set.height(), set.width()));
            String labels = write(folder.resolve(set.name() + "_labels.npy"),
                NpyArray.ofLongs(Arrays.stream(set.labels()).asLongStream().toArray(), set.count()));
            entries.addObject().put("name", set.name()).put("count", set.count()).put("channels", set.channels())
                .put("height", set.height()).put("width", set.width()).put("images_sha256", images).put("labels_sha256", labels);
        }
        AtomicFiles.writeString(folder.resolve(MANIFEST), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
    }

    private static String write(Path file, NpyArray array) throws IOException {
        byte[] bytes = Npy.toBytes(array);
        AtomicFiles.writeBytes(file, bytes);
        return hex(bytes);
    }

    private static String hex(byte[] bytes) {
        MessageDigest digest = Sha256.newDigest();
        digest.update(bytes);
        return Sha256.hex(digest);
    }

    /** The sets named {@code names} that {@code folder} holds for {@code source}; nothing when it holds none. */
    static Loaded load(Path folder, Source source, List<String> names) {
        Path manifestFile = folder.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            return new Loaded(Map.of(), List.of());
        }
        JsonNode manifest;
        try {
            manifest = JSON.readTree(manifestFile.toFile());
        } catch (IOException e) {
            return new Loaded(Map.of(), List.of(manifestFile + " is not valid JSON"));
        }
        Source saved;
        try {
            saved = source(manifest.get("built_from"));
        } catch (RuntimeException e) {
            return new Loaded(Map.of(), List.of(manifestFile + " does not say what the sets were built from"));
        }
        String difference = source.difference(saved);
        if (difference != null) {
            return new Loaded(Map.of(), List.of("the sets saved in " + folder + " do not match: " + difference));
        }
        Map<String, ProbeSet> sets = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String name : names) {
            JsonNode entry = entry(manifest, name);
            if (entry == null) {
                problems.add(name + " is not saved in " + folder);
                continue;
            }
            try {
                sets.put(name, read(folder, name, entry));
            } catch (IOException | RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        return new Loaded(sets, problems);
    }

    private static Source source(JsonNode from) {
        List<String> files = new ArrayList<>();
        from.get("files_sha256").forEach(file -> files.add(file.asText()));
        JsonNode size = from.get("size");
        JsonNode labels = from.get("labels");
        return new Source(from.get("data").asText(), labels == null || labels.isNull() ? null : labels.asText(),
            size == null || size.isNull() ? null : size.asInt(), from.get("rgb").asBoolean(), from.get("seed").asLong(),
            from.get("clip").asBoolean(), files);
    }

    private static JsonNode entry(JsonNode manifest, String name) {
        for (JsonNode entry : manifest.path("sets")) {
            if (name.equals(entry.path("name").asText())) {
                return entry;
            }
        }
        return null;
    }

    private static ProbeSet read(Path folder, String name, JsonNode entry) throws IOException {
        int count = entry.path("count").asInt();
        int channels = entry.path("channels").asInt();
        int height = entry.path("height").asInt();
        int width = entry.path("width").asInt();
        NpyArray images = checked(folder.resolve(name + ".npy"), entry.path("images_sha256").asText(), DType.FLOAT32,
            count, channels, height, width);
        NpyArray labels = checked(folder.resolve(name + "_labels.npy"), entry.path("labels_sha256").asText(), DType.INT64, count);
        return new ProbeSet(name, channels, height, width, images.asFloatArray(), labels.asIntArray());
    }

    /** The array in {@code file}, whose SHA-256 and shape must be those the manifest recorded. */
    private static NpyArray checked(Path file, String sha256, DType dtype, long... shape) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException(file + " cannot be read");
        }
        if (!hex(bytes).equals(sha256)) {
            throw new IOException(file + " is damaged: its SHA-256 differs from the one in " + MANIFEST);
        }
        NpyArray array = Npy.read(bytes, file.toString());
        if (array.dtype() != dtype || !Arrays.equals(array.shape(), shape)) {
            throw new IOException(file + " holds " + array.dtype() + " of shape " + Arrays.toString(array.shape()) + ", not "
                + dtype + " of shape " + Arrays.toString(shape));
        }
        return array;
    }
}
