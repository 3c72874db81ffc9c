package io.timelapse.plugin.dsb.probing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.lib.csv.Csv;
import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scores of every probed checkpoint, one row per step. Each row is kept as {@code step-<N>.json} in a folder as
 * soon as it is scored, so a run stopped after some checkpoints keeps their scores, and written out at the end as
 * the paper's CSV ({@code step, ds, net, arch, <set>_loss, <set>_accuracy}) and as JSON lines.
 */
public final class ProbeTable {

    public static final String CSV = "probes.csv";
    public static final String JSON_LINES = "probes.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile("step-(\\d+)\\.json");

    private final String dataset;
    private final String net;
    private final String arch;
    private final SortedMap<Long, List<ProbeScore>> rows = new TreeMap<>();

    public ProbeTable(String dataset, String net, String arch) {
        this.dataset = dataset;
        this.net = net;
        this.arch = arch;
    }

    public String net() {
        return net;
    }

    public String dataset() {
        return dataset;
    }

    public String arch() {
        return arch;
    }

    public void put(long step, List<ProbeScore> scores) {
        rows.put(step, List.copyOf(scores));
    }

    public boolean has(long step) {
        return rows.containsKey(step);
    }

    public SortedMap<Long, List<ProbeScore>> rows() {
        return Collections.unmodifiableSortedMap(rows);
    }

    /** Writes row {@code step} to {@code folder} as {@code step-<N>.json}, atomically. */
    public void save(Path folder, long step) throws IOException {
        Files.createDirectories(folder);
        AtomicFiles.writeString(folder.resolve(String.format("step-%09d.json", step)), JSON.writeValueAsString(json(step, rows.get(step))) + "\n");
    }

    /** Reads the rows saved in {@code folder} whose sets are exactly {@code sets}; others are left to be scored again. */
    public void load(Path folder, List<String> sets) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = ROW.matcher(file.getFileName().toString());
                if (m.matches()) {
                    List<ProbeScore> scores = parse(JSON.readTree(file.toFile()));
                    if (scores.stream().map(ProbeScore::set).toList().equals(sets)) {
                        rows.put(Long.parseLong(m.group(1)), scores);
                    }
                }
            }
        }
    }

    /**
     * Reads the rows of a {@value #JSON_LINES} that {@link #jsonLines()} wrote, exactly as they were.
     *
     * @throws IOException naming the file when it cannot be read or a line is not a row
     */
    public void loadJsonLines(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            try {
                JsonNode node = JSON.readTree(lines.get(i));
                rows.put(node.get("step").asLong(), parse(node));
            } catch (IOException | RuntimeException e) {
                throw new IOException(file + ": line " + (i + 1) + " is not a row of probe scores", e);
            }
        }
    }

    /** The paper's columns, one row per step; numbers as Java prints doubles, so they read back exactly. */
    public String csv() {
        StringBuilder text = new StringBuilder("step,ds,net,arch");
        if (!rows.isEmpty()) {
            for (ProbeScore score : rows.get(rows.firstKey())) {
                text.append(',').append(Csv.quote(score.set() + "_loss")).append(',').append(Csv.quote(score.set() + "_accuracy"));
            }
        }
        text.append('\n');
        for (Map.Entry<Long, List<ProbeScore>> row : rows.entrySet()) {
            text.append(row.getKey()).append(',').append(Csv.quote(dataset)).append(',').append(Csv.quote(net)).append(',').append(Csv.quote(arch));
            for (ProbeScore score : row.getValue()) {
                text.append(',').append(score.loss()).append(',').append(score.accuracy());
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** One JSON object per step: {@code {"step":S,"ds":…,"net":…,"arch":…,"sets":{"real":{"scored":N,"loss":L,"accuracy":A},…}}}. */
    public String jsonLines() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Long, List<ProbeScore>> row : rows.entrySet()) {
            text.append(JSON.writeValueAsString(json(row.getKey(), row.getValue()))).append('\n');
        }
        return text.toString();
    }

    private ObjectNode json(long step, List<ProbeScore> scores) {
        ObjectNode node = JSON.createObjectNode();
        node.put("step", step).put("ds", dataset).put("net", net).put("arch", arch);
        ObjectNode sets = node.putObject("sets");
        for (ProbeScore score : scores) {
            sets.putObject(score.set()).put("scored", score.scored()).put("loss", score.loss()).put("accuracy", score.accuracy());
        }
        return node;
    }

    private static List<ProbeScore> parse(JsonNode node) {
        List<ProbeScore> scores = new ArrayList<>();
        node.get("sets").fields().forEachRemaining(e -> scores.add(new ProbeScore(e.getKey(), e.getValue().get("scored").asLong(),
            e.getValue().get("loss").asDouble(), e.getValue().get("accuracy").asDouble())));
        return scores;
    }
}
