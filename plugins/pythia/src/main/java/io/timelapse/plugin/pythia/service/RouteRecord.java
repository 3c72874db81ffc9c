package io.timelapse.plugin.pythia.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.plugin.pythia.dataset.BlendRoute;
import io.timelapse.plugin.pythia.dataset.SampleDataset;
import io.timelapse.plugin.pythia.dataset.Split;
import io.timelapse.plugin.pythia.dataset.SplitRoute;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gpt-neox route pre-shuffled rows were drawn from, kept beside them as {@code PREFIX.route.json}: the training
 * dataset of a split route (one corpus and a split string) or of a blend (corpora and weights), with the samples,
 * sequence length and seed that fix its index maps. With it the training-data service names the source documents of a
 * pre-shuffled row; {@code pythia preshuffle} writes it, and a lab can write one for data it shuffled itself.
 *
 * @param split the split string of a split route, or {@code null} for a blend
 * @param weights the blend's weights, or {@code null} for a split route
 */
public record RouteRecord(List<Path> corpora, String split, double[] weights, long samples, int seqLength, long seed) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RouteRecord {
        corpora = corpora.stream().map(p -> p.toAbsolutePath().normalize()).toList();
        if ((split == null) == (weights == null)) {
            throw new IllegalArgumentException("a route is a split route or a blend: give a split string or weights");
        }
    }

    /** {@code PREFIX.route.json} beside the pre-shuffled {@code PREFIX.bin}. */
    public static Path file(Path prefix) {
        return prefix.resolveSibling(prefix.getFileName() + ".route.json");
    }

    public void write(Path prefix) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode paths = root.putArray("corpora");
        corpora.forEach(p -> paths.add(p.toString()));
        if (split != null) {
            root.put("split", split);
        } else {
            ArrayNode w = root.putArray("weights");
            for (double weight : weights) {
                w.add(weight);
            }
        }
        root.put("dataset", Split.TRAIN.label());
        root.put("samples", samples);
        root.put("seq_length", seqLength);
        root.put("seed", seed);
        AtomicFiles.writeString(file(prefix), JSON.writeValueAsString(root) + "\n");
    }

    /** The route recorded beside {@code prefix}, if there is one. */
    public static Optional<RouteRecord> read(Path prefix) throws IOException {
        Path file = file(prefix);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            List<Path> corpora = new ArrayList<>();
            root.get("corpora").forEach(p -> corpora.add(Path.of(p.asText())));
            double[] weights = null;
            if (root.has("weights")) {
                weights = new double[root.get("weights").size()];
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = root.get("weights").get(i).asDouble();
                }
            }
            String split = root.has("split") ? root.get("split").asText() : null;
            return Optional.of(new RouteRecord(corpora, split, weights, root.get("samples").asLong(), root.get("seq_length").asInt(),
                    root.get("seed").asLong()));
        } catch (RuntimeException e) {
            throw new IOException(file + ": not a route record (" + e.getMessage() + ")", e);
        }
    }

    /** The route's training dataset, its index maps built in memory. */
    public SampleDataset open() throws IOException {
        List<MMapIndexedDataset> data = new ArrayList<>();
        for (Path corpus : corpora) {
            data.add(MMapIndexedDataset.open(MMapIndexedDataset.prefixOf(corpus)));
        }
        IndexMapStore store = IndexMapStore.inMemory();
        return split != null
                ? SplitRoute.open(data.get(0), split, Split.TRAIN, samples, seqLength, seed, store)
                : BlendRoute.open(data, weights, Split.TRAIN, samples, seqLength, seed, store);
    }
}
