package io.timelapse.plugin.memorization.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.memorization.selection.RowRange;
import io.timelapse.plugin.memorization.selection.RowSelection;
import io.timelapse.plugin.memorization.selection.RowSubset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A score table on disk, in a directory:
 * <ul>
 *   <li>{@code table.json}: the header (set-up, scoring mode in words, model and weight sha256s,
 *       data, selection, shard) and how rows are stored;</li>
 *   <li>{@code matches.npy}: uint8 match counts, one per selected row in ascending row order
 *       (one byte a row, so 146M rows take 146 MB);</li>
 *   <li>{@code rows.npy}: int64 row indices, only when the rows are not consecutive (otherwise
 *       {@code table.json} gives the first row);</li>
 *   <li>{@code scores.csv}: {@code index,matches,score}, optional.</li>
 * </ul>
 */
public final class ScoreTableFiles {

    public static final String HEADER = "table.json";
    public static final String MATCHES = "matches.npy";
    public static final String ROWS = "rows.npy";
    public static final String CSV = "scores.csv";
    static final String FORMAT = "timelapse-memorization-scores";

    private ScoreTableFiles() {}

    /** Writes the table into {@code directory}, each file atomically, the header last. */
    public static void write(Path directory, ScoreTable table, boolean csv) throws IOException {
        Files.createDirectories(directory);
        RowSelection rows = table.rows();
        long[] shape = {table.size()};
        Npy.write(directory.resolve(MATCHES), new NpyArray(DType.UINT8, shape, false,
                LargeByteBuffer.wrap(table.matches(), ByteOrder.LITTLE_ENDIAN)));
        boolean contiguous = rows.contiguous();
        if (!contiguous) {
            long[] list = new long[table.size()];
            for (int k = 0; k < list.length; k++) {
                list[k] = rows.row(k);
            }
            Npy.writeLongs(directory.resolve(ROWS), list);
        } else {
            Files.deleteIfExists(directory.resolve(ROWS));
        }
        if (csv) {
            writeCsv(directory.resolve(CSV), table);
        }
        ObjectNode json = TableJson.MAPPER.createObjectNode();
        json.put("format", FORMAT);
        json.put("version", 1);
        json.setAll(TableJson.toJson(table.header()));
        ObjectNode storage = json.putObject("rows");
        storage.put("count", table.size());
        if (contiguous) {
            storage.put("first", table.size() == 0 ? 0 : rows.row(0));
        } else {
            storage.put("file", ROWS);
        }
        json.put("matches_file", MATCHES);
        json.put("memorized", table.countAtLeast(table.header().continuationLength()));
        AtomicFiles.writeString(directory.resolve(HEADER), TableJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
    }

    /** Writes {@code index,matches,score}, one line a row. */
    public static void writeCsv(Path file, ScoreTable table) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            writer.write("index,matches,score\n");
            int continuation = table.header().continuationLength();
            StringBuilder line = new StringBuilder(48);
            for (int k = 0; k < table.size(); k++) {
                line.setLength(0);
                int m = table.matches(k);
                line.append(table.row(k)).append(',').append(m).append(',').append((double) m / continuation).append('\n');
                writer.append(line);
            }
            writer.flush();
        });
    }

    /** Reads a table from its directory or its {@code table.json}. */
    public static ScoreTable read(Path path) throws IOException {
        return read(path, new java.util.ArrayList<>());
    }

    /** Reads a table from its directory or its {@code table.json}, adding each file it reads to {@code filesRead}. */
    public static ScoreTable read(Path path, java.util.List<Path> filesRead) throws IOException {
        Path json = Files.isDirectory(path) ? path.resolve(HEADER) : path;
        if (!Files.isRegularFile(json)) {
            throw new IOException(path + ": not a score table (" + (Files.exists(path) ? "expected a directory with " + HEADER + ", or that file"
                    : "no such file or directory") + ")");
        }
        filesRead.add(json);
        JsonNode node;
        try {
            node = TableJson.MAPPER.readTree(json.toFile());
        } catch (IOException e) {
            throw new IOException(json + ": not valid JSON: " + e.getMessage(), e);
        }
        String source = json.toString();
        if (!FORMAT.equals(node.path("format").asText())) {
            throw new IOException(source + ": field 'format' must be '" + FORMAT + "', got " + node.get("format"));
        }
        TableHeader header = TableJson.fromJson(node, source);
        JsonNode storage = TableJson.required(node, "rows", source);
        long count = TableJson.required(storage, "count", source).asLong();
        Path dir = json.toAbsolutePath().getParent();
        Path matchesFile = dir.resolve(TableJson.required(node, "matches_file", source).asText());
        filesRead.add(matchesFile);
        NpyArray matches = Npy.read(matchesFile);
        if (matches.dtype() != DType.UINT8 || matches.ndim() != 1 || matches.dim(0) != count) {
            throw new IOException(matchesFile + ": expected uint8 [" + count + "] match counts, got " + matches.dtype().descriptor()
                    + " " + java.util.Arrays.toString(matches.shape()));
        }
        byte[] bytes = matches.asByteArray();
        for (int k = 0; k < bytes.length; k++) {
            if ((bytes[k] & 0xFF) > header.continuationLength()) {
                throw new IOException(matchesFile + ": element " + k + " = " + (bytes[k] & 0xFF) + " exceeds the continuation length "
                        + header.continuationLength());
            }
        }
        RowSelection rows;
        if (storage.has("file")) {
            Path rowsFile = dir.resolve(storage.get("file").asText());
            filesRead.add(rowsFile);
            NpyArray list = Npy.read(rowsFile);
            if (list.ndim() != 1 || list.dim(0) != count || !list.dtype().isInteger()) {
                throw new IOException(rowsFile + ": expected int64 [" + count + "] row indices");
            }
            try {
                rows = new RowSubset(list.asLongArray(), header.selection());
            } catch (IllegalArgumentException e) {
                throw new IOException(rowsFile + ": " + e.getMessage(), e);
            }
        } else {
            rows = new RowRange(TableJson.required(storage, "first", source).asLong(), count);
        }
        return new ScoreTable(header, rows, bytes);
    }
}
