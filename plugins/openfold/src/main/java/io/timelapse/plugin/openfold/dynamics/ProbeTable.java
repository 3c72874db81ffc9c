package io.timelapse.plugin.openfold.dynamics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The rows of a dynamics run, kept in {@code dynamics.csv} and {@code dynamics.jsonl} in its directory. Both files are
 * rewritten atomically after every added row, so a stopped run leaves complete rows, which a rerun reads back from the
 * JSON lines and does not compute again.
 */
public final class ProbeTable {

    public static final String CSV = "dynamics.csv";
    public static final String JSONL = "dynamics.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {};

    private final Path directory;
    private final List<ProbeRow> rows = new ArrayList<>();

    private ProbeTable(Path directory) {
        this.directory = directory;
    }

    /** The table of {@code directory}: the rows of its {@value #JSONL}, or none. */
    public static ProbeTable open(Path directory) throws IOException {
        ProbeTable table = new ProbeTable(directory);
        Path file = directory.resolve(JSONL);
        if (Files.exists(file)) {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    table.rows.add(ProbeRow.of(JSON.readValue(line, FIELDS)));
                } catch (JsonProcessingException | RuntimeException e) {
                    throw new IOException(file + " line " + number + ": not a row of this command (" + e.getMessage().lines().findFirst()
                            .orElse("") + ")", e);
                }
            }
        }
        return table;
    }

    /** The row of {@code chain} at {@code step}, if it was computed. */
    public Optional<ProbeRow> row(String chain, long step) {
        return rows.stream().filter(r -> r.chain().equals(chain) && r.step() == step).findFirst();
    }

    /** The rows of {@code chain}, by step. */
    public List<ProbeRow> rows(String chain) {
        return rows.stream().filter(r -> r.chain().equals(chain)).sorted(Comparator.comparingLong(ProbeRow::step)).toList();
    }

    public List<ProbeRow> rows() {
        return List.copyOf(rows);
    }

    /** Adds {@code row} and rewrites both files. */
    public void add(ProbeRow row) throws IOException {
        rows.add(row);
        StringBuilder csv = new StringBuilder(String.join(",", ProbeRow.COLUMNS)).append('\n');
        StringBuilder jsonl = new StringBuilder();
        for (ProbeRow r : rows) {
            csv.append(r.csv()).append('\n');
            jsonl.append(JSON.writeValueAsString(r.fields())).append('\n');
        }
        AtomicFiles.writeString(directory.resolve(CSV), csv.toString());
        AtomicFiles.writeString(directory.resolve(JSONL), jsonl.toString());
    }
}
