package io.timelapse.plugin.memorization.explain;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.timelapse.api.data.RowProvenance;
import io.timelapse.api.data.SourceSpan;
import io.timelapse.api.data.TrainingData;
import io.timelapse.api.run.Progress;
import io.timelapse.lib.files.AtomicFiles;
import io.timelapse.lib.plot.BarPlot;
import io.timelapse.lib.plot.LinePlot;
import io.timelapse.lib.plot.Scale;
import io.timelapse.plugin.memorization.table.ScoreTable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code memorization explain} writes: a JSON line a scored row (its step, score, memorized flag, the counts of
 * its window and its prefix, and where it came from), the rows binned by count with the memorized share of each
 * bin ({@value #BINS_CSV}), a summary ({@value #SUMMARY_JSON}) and two figures.
 */
public final class ExplainReport {

    public static final String ROWS_JSONL = "rows.jsonl";
    public static final String BINS_CSV = "bins.csv";
    public static final String SUMMARY_JSON = "summary.json";
    public static final String RATE_FIGURE = "memorization_vs_duplication";
    public static final String ROWS_FIGURE = "rows_per_duplication_bin";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExplainReport() {}

    /**
     * Writes the report into {@code directory} and returns its summary.
     *
     * @param counts the counts of the table's rows: window (prefix + continuation tokens) first, then prefix
     * @param batchSize rows per training step, or {@code null} when unknown (no step is written then)
     */
    public static ObjectNode write(Path directory, ScoreTable table, TrainingData data, DuplicationCounts counts, Integer batchSize,
                                   Progress progress) throws IOException {
        int continuation = table.header().continuationLength();
        DuplicationBins windowBins = new DuplicationBins();
        DuplicationBins prefixBins = new DuplicationBins();
        long[] memorized = new long[1];
        AtomicFiles.write(directory.resolve(ROWS_JSONL), out -> {
            try (JsonGenerator json = JSON.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
                json.setRootValueSeparator(null);
                for (int k = 0; k < table.size(); k++) {
                    long row = table.row(k);
                    boolean isMemorized = table.matches(k) >= continuation;
                    memorized[0] += isMemorized ? 1 : 0;
                    windowBins.add(counts.count(0, k), isMemorized);
                    prefixBins.add(counts.count(1, k), isMemorized);
                    writeRow(json, row, batchSize, table.matches(k), table.score(k), isMemorized, counts.count(0, k), counts.count(1, k),
                            data.provenance(row));
                    json.writeRaw('\n');
                    progress.step();
                }
            }
        });
        int[] lengths = counts.lengths();
        String csv = "counted,from,to,rows,memorized,rate\n" + binsCsv(lengths[0] + "-token window", windowBins)
                + binsCsv(lengths[1] + "-token prefix", prefixBins);
        AtomicFiles.writeString(directory.resolve(BINS_CSV), csv);
        figures(directory, lengths, windowBins, prefixBins);

        ObjectNode summary = JSON.createObjectNode();
        summary.put("rows", table.size());
        summary.put("memorized", memorized[0]);
        summary.put("window_tokens", lengths[0]);
        summary.put("prefix_tokens", lengths[1]);
        summary.put("tokens_streamed", counts.streamTokens());
        summary.put("false_hit_bound_per_row", falseHitBound(lengths[0], counts.streamTokens()));
        summary.put("spans", table.size() == 0 ? "none" : data.provenance(table.row(0)).documents() ? "documents" : "eod_segments");
        summary.set("window_bins", binsJson(windowBins));
        summary.set("prefix_bins", binsJson(prefixBins));
        AtomicFiles.writeString(directory.resolve(SUMMARY_JSON), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        return summary;
    }

    /**
     * The expected number of hash collisions a count may include: at most (length − 1) / (2^61 − 1) for each of the
     * stream's windows (see {@link WindowHash}).
     */
    static double falseHitBound(int length, long streamTokens) {
        return (double) (length - 1) * streamTokens / WindowHash.P;
    }

    private static void writeRow(JsonGenerator json, long row, Integer batchSize, int matches, double score, boolean memorized,
                                 int windowCount, int prefixCount, RowProvenance provenance) throws IOException {
        json.writeStartObject();
        json.writeNumberField("row", row);
        if (batchSize != null) {
            json.writeNumberField("step", row / batchSize);
        } else {
            json.writeNullField("step");
        }
        json.writeNumberField("matches", matches);
        json.writeNumberField("score", score);
        json.writeBooleanField("memorized", memorized);
        json.writeNumberField("window_count", windowCount);
        json.writeNumberField("prefix_count", prefixCount);
        json.writeStringField("spans_are", provenance.documents() ? "documents" : "eod_segments");
        if (provenance.byteOffset() != SourceSpan.UNKNOWN) {
            json.writeNumberField("byte_offset", provenance.byteOffset());
            json.writeNumberField("shard", provenance.shard());
        }
        json.writeArrayFieldStart("spans");
        for (SourceSpan span : provenance.spans()) {
            json.writeStartObject();
            if (span.document() != SourceSpan.UNKNOWN) {
                json.writeNumberField("document", span.document());
            } else {
                json.writeNullField("document");
            }
            if (span.start() != SourceSpan.UNKNOWN) {
                json.writeNumberField("start", span.start());
            } else {
                json.writeNullField("start");
            }
            json.writeNumberField("row_offset", span.rowOffset());
            json.writeNumberField("length", span.length());
            json.writeBooleanField("ends_document", span.endsDocument());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static String binsCsv(String counted, DuplicationBins bins) {
        StringBuilder csv = new StringBuilder();
        for (DuplicationBins.Bin bin : bins.bins()) {
            csv.append(counted).append(',').append(bin.from()).append(',').append(bin.to()).append(',').append(bin.rows()).append(',')
                    .append(bin.memorized()).append(',').append(bin.rows() == 0 ? "" : String.format(Locale.ROOT, "%.6f", bin.rate()))
                    .append('\n');
        }
        return csv.toString();
    }

    private static ArrayNode binsJson(DuplicationBins bins) {
        ArrayNode array = JSON.createArrayNode();
        for (DuplicationBins.Bin bin : bins.bins()) {
            ObjectNode node = array.addObject();
            node.put("from", bin.from());
            node.put("to", bin.to());
            node.put("rows", bin.rows());
            node.put("memorized", bin.memorized());
            if (bin.rows() > 0) {
                node.put("rate", bin.rate());
            } else {
                node.putNull("rate");
            }
        }
        return array;
    }

    private static void figures(Path directory, int[] lengths, DuplicationBins windowBins, DuplicationBins prefixBins) throws IOException {
        LinePlot.of("Memorization rate against duplication in the corpus")
                .xAxis("occurrences in the corpus (a bin's first count)", Scale.LOG)
                .yAxis("% of the bin's rows memorized", Scale.LINEAR)
                .series(lengths[0] + "-token window", firsts(windowBins), percents(windowBins))
                .series(lengths[1] + "-token prefix", firsts(prefixBins), percents(prefixBins))
                .write(directory, RATE_FIGURE);
        List<String> labels = new ArrayList<>();
        List<DuplicationBins.Bin> longest = windowBins.bins().size() >= prefixBins.bins().size() ? windowBins.bins() : prefixBins.bins();
        longest.forEach(bin -> labels.add(bin.label()));
        BarPlot.of("Rows per duplication bin").xAxis("occurrences in the corpus").yAxis("rows")
                .series(lengths[0] + "-token window", labels, rows(windowBins, labels.size()))
                .series(lengths[1] + "-token prefix", labels, rows(prefixBins, labels.size()))
                .write(directory, ROWS_FIGURE);
    }

    /** The bins that hold rows: their first counts. */
    private static double[] firsts(DuplicationBins bins) {
        return bins.bins().stream().filter(b -> b.rows() > 0).mapToDouble(DuplicationBins.Bin::from).toArray();
    }

    private static double[] percents(DuplicationBins bins) {
        return bins.bins().stream().filter(b -> b.rows() > 0).mapToDouble(b -> 100 * b.rate()).toArray();
    }

    private static double[] rows(DuplicationBins bins, int size) {
        double[] rows = new double[size];
        List<DuplicationBins.Bin> list = bins.bins();
        for (int i = 0; i < list.size(); i++) {
            rows[i] = list.get(i).rows();
        }
        return rows;
    }
}
