package io.timelapse.plugin.pythia.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.lib.bench.PyTorchReference;
import io.timelapse.lib.bench.Spread;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numpy side of the benchmark: the bundled script reads the same rows of the same files with {@code numpy.memmap}
 * and builds the same index maps, from a plan this class writes; its timings come back keyed
 * {@code corpus/reference/mode}.
 */
public final class NumpyReference {

    /** The script, a resource of this bundle. */
    public static final String SCRIPT = "/io/timelapse/plugin/pythia/bench/pythia_numpy_reference.py";
    /** Entries of each index map numpy reports, to check that both sides built the same maps. */
    static final int PROBES = 101;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file numpy reads as a {@code [rows, rowLength]} memmap, and the Timelapse corpus whose cold rows it shares. */
    public record Source(String name, Path bin, String dtype, String corpus, List<ReadWay> ways) {}

    /** What came back: read timings, the index-map figures, or why there are none. */
    public record Result(String version, Map<String, Spread> reads, JsonNode indexMap, String problem) {

        public boolean available() {
            return problem == null;
        }
    }

    private final ObjectNode plan = JSON.createObjectNode();

    public NumpyReference(int batch, int rowLength, int coldRounds, int warmup) {
        plan.put("batch", batch).put("row_length", rowLength).put("cold_rounds", coldRounds).put("warmup", warmup);
        plan.putArray("references");
    }

    /** Adds the reads of {@code source}: one reference per kind of read its ways need, on the rows of its first such way. */
    public NumpyReference reads(Source source, Schedule schedule) {
        ArrayNode references = (ArrayNode) plan.get("references");
        for (ReadWay.Reference reference : ReadWay.Reference.values()) {
            ReadWay way = source.ways().stream().filter(w -> w.reference() == reference).findFirst().orElse(null);
            if (way == null) {
                continue;
            }
            ObjectNode ref = references.addObject().put("name", source.name() + "/" + reference.key()).put("file", source.bin().toString())
                    .put("dtype", source.dtype()).put("op", reference.key());
            batches(ref.putArray("warm"), schedule.warm(way));
            batches(ref.putArray("cold"), schedule.cold(source.corpus(), way));
        }
        return this;
    }

    public NumpyReference indexMap(Path idx, int seqLength, long samples, long seed) {
        plan.putObject("index_map").put("idx", idx.toString()).put("seq_length", seqLength).put("samples", samples).put("seed", seed)
                .put("probes", PROBES);
        return this;
    }

    private static void batches(ArrayNode out, List<Batch> batches) {
        for (Batch b : batches) {
            ObjectNode one = out.addObject();
            if (b.random()) {
                ArrayNode rows = one.putArray("rows");
                for (long row : b.rows()) {
                    rows.add(row);
                }
            } else {
                one.put("first", b.first());
            }
        }
    }

    /** Runs the plan with {@code python}; the plan file goes to {@code dir}. */
    public Result run(String python, Path dir) throws IOException, InterruptedException {
        Path planFile = dir.resolve("numpy-plan.json");
        JSON.writeValue(planFile.toFile(), plan);
        PyTorchReference.Result ran = new PyTorchReference(python).run(NumpyReference.class, SCRIPT, null, List.of(planFile.toString()));
        Files.deleteIfExists(planFile);
        if (!ran.available()) {
            return new Result(null, Map.of(), null, ran.problem());
        }
        JsonNode json = ran.json();
        Map<String, Spread> reads = new LinkedHashMap<>();
        json.path("reads").fieldNames().forEachRemaining(reference -> {
            for (String mode : List.of("cold", "warm")) {
                Spread millis = ran.spread("reads", reference, mode);
                if (millis != null) {
                    reads.put(reference + "/" + mode, millis);
                }
            }
        });
        return new Result(json.path("numpy").asText(), reads, json.get("index_map"), null);
    }
}
