package io.timelapse.platform.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.timelapse.lib.bench.BenchReport;
import io.timelapse.lib.bench.Table;
import io.timelapse.lib.csv.Csv;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one table of {@code bench all}: a row per benchmark and metric with ours, the reference, the speedup and the
 * share of the matmul rate, as {@code summary.csv} and as {@code summary.md} under the machine, the load and the
 * versions. A benchmark that recorded {@link BenchReport}'s {@code metrics} rows gives them; one that recorded only
 * flat keys gives its {@code <what>_speedup_vs_<reference>} (or {@code _ratio_vs_}) and {@code <what>_fraction_of_matmul}
 * figures; one that failed gives a row that says why.
 */
final class BenchmarkSummary {

    /** The columns of {@code summary.csv}. */
    static final List<String> COLUMNS = List.of("benchmark", "status", "metric", "unit", "better", "ours_min", "ours_median",
            "ours_max", "reference", "reference_min", "reference_median", "reference_max", "speedup", "fraction_of_matmul",
            "load_before", "load_after", "note");

    private static final Pattern RATIO = Pattern.compile("(.+)_(?:speedup|ratio)_vs_([a-z0-9_]+)");
    private static final String MATMUL_SUFFIX = "_fraction_of_matmul";

    private final List<Map<String, String>> rows = new ArrayList<>();
    private final List<BenchmarkOutcome> outcomes;

    BenchmarkSummary(List<BenchmarkOutcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
        outcomes.forEach(this::addRows);
    }

    /** The rows, each a map of {@link #COLUMNS} to text (empty where a benchmark has no figure). */
    List<Map<String, String>> rows() {
        return List.copyOf(rows);
    }

    private void addRows(BenchmarkOutcome outcome) {
        JsonNode results = outcome.results();
        String note = outcome.succeeded() ? notMeasured(results) : outcome.error();
        List<Map<String, String>> own = new ArrayList<>();
        if (results.path("metrics").isArray()) {
            results.path("metrics").forEach(metric -> {
                Map<String, String> row = row(outcome, note);
                BenchReport.ROW_KEYS.stream().filter(COLUMNS::contains).forEach(key -> row.put(key, text(metric.path(key))));
                own.add(row);
            });
        } else {
            own.addAll(flatRows(outcome, note));
        }
        if (own.isEmpty()) {
            own.add(row(outcome, note));
        }
        rows.addAll(own);
    }

    /** Rows from the flat keys of a benchmark that does not record {@code metrics} rows. */
    private static List<Map<String, String>> flatRows(BenchmarkOutcome outcome, String note) {
        Map<String, Map<String, String>> byMetric = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = outcome.results().fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isNumber()) {
                continue;
            }
            Matcher ratio = RATIO.matcher(field.getKey());
            if (ratio.matches()) {
                Map<String, String> row = byMetric.computeIfAbsent(ratio.group(1), metric -> metricRow(outcome, note, metric));
                row.put("reference", ratio.group(2));
                row.put("speedup", text(field.getValue()));
            } else if (field.getKey().endsWith(MATMUL_SUFFIX)) {
                String metric = field.getKey().substring(0, field.getKey().length() - MATMUL_SUFFIX.length());
                byMetric.computeIfAbsent(metric, name -> metricRow(outcome, note, name)).put("fraction_of_matmul", text(field.getValue()));
            }
        }
        return new ArrayList<>(byMetric.values());
    }

    private static Map<String, String> metricRow(BenchmarkOutcome outcome, String note, String metric) {
        Map<String, String> row = row(outcome, note);
        row.put("metric", metric);
        return row;
    }

    private static Map<String, String> row(BenchmarkOutcome outcome, String note) {
        Map<String, String> row = new LinkedHashMap<>();
        COLUMNS.forEach(column -> row.put(column, ""));
        row.put("benchmark", outcome.name());
        row.put("status", outcome.succeeded() ? "succeeded" : "failed");
        row.put("load_before", text(outcome.results().path("load_average_before")));
        row.put("load_after", text(outcome.results().path("load_average_after")));
        row.put("note", note == null ? "" : note);
        return row;
    }

    /** Why references were not measured ({@code <reference>_not_measured}), or null. */
    private static String notMeasured(JsonNode results) {
        List<String> reasons = new ArrayList<>();
        results.fields().forEachRemaining(field -> {
            if (field.getKey().endsWith("_not_measured")) {
                String reference = field.getKey().substring(0, field.getKey().length() - "_not_measured".length());
                reasons.add(reference + " not measured: " + field.getValue().asText());
            }
        });
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    private static String text(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? "" : value.asText();
    }

    String csv() {
        StringBuilder text = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Map<String, String> row : rows) {
            text.append(String.join(",", row.values().stream().map(Csv::quote).toList())).append('\n');
        }
        return text.toString();
    }

    /** The Markdown: {@code facts} (machine, load, versions, command) as a list, then the table. */
    String markdown(Map<String, String> facts) {
        StringBuilder text = new StringBuilder("# Timelapse benchmarks\n\n");
        facts.forEach((key, value) -> text.append("- ").append(key).append(": ").append(value).append('\n'));
        Table table = new Table(List.of("benchmark", "metric", "unit", "ours min / median / max", "reference min / median / max",
                "speedup", "of matmul", "note"));
        for (Map<String, String> row : rows) {
            table.row(List.of(row.get("benchmark"), row.get("metric"), row.get("unit"), spread(row, "ours_"),
                    row.get("reference").isEmpty() ? "" : (row.get("reference") + " " + spread(row, "reference_")).strip(),
                    row.get("speedup").isEmpty() ? "" : number(row.get("speedup")) + "×",
                    row.get("fraction_of_matmul").isEmpty() ? ""
                            : String.format(Locale.ROOT, "%.1f %%", 100 * Double.parseDouble(row.get("fraction_of_matmul"))),
                    row.get("note")));
        }
        return text.append('\n').append(table.markdown()).toString();
    }

    private static String spread(Map<String, String> row, String prefix) {
        if (row.get(prefix + "median").isEmpty()) {
            return "";
        }
        return number(row.get(prefix + "min")) + " / " + number(row.get(prefix + "median")) + " / " + number(row.get(prefix + "max"));
    }

    private static String number(String value) {
        return value.isEmpty() ? "?" : Table.number(Double.parseDouble(value));
    }

    /** The versions the benchmarks ran with: Timelapse, the compute backend's, and each reference's ({@code <ref>_version}). */
    Map<String, String> versions() {
        Map<String, String> versions = new LinkedHashMap<>();
        for (BenchmarkOutcome outcome : outcomes) {
            putText(versions, "Timelapse", outcome.versions().path("timelapse"));
            putText(versions, "TensorFlow", outcome.versions().path("libraries").path("tensorflow"));
            putText(versions, "TensorFlow", outcome.versions().path("tensorflow"));
        }
        for (BenchmarkOutcome outcome : outcomes) {
            outcome.results().fields().forEachRemaining(field -> {
                if (field.getKey().endsWith("_version")) {
                    String reference = field.getKey().substring(0, field.getKey().length() - "_version".length());
                    putText(versions, reference.equals("pytorch") ? "PyTorch" : reference, field.getValue());
                }
            });
        }
        return versions;
    }

    private static void putText(Map<String, String> into, String key, JsonNode value) {
        if (value.isTextual() && !value.asText().isBlank() && !"null".equals(value.asText())) {
            into.putIfAbsent(key, value.asText());
        }
    }

    /** The device the first benchmark that computes recorded, or null. */
    String device() {
        return outcomes.stream().map(BenchmarkOutcome::device).filter(device -> device != null && !device.equals("CPU"))
                .findFirst().orElse(outcomes.stream().map(BenchmarkOutcome::device).filter(d -> d != null).findFirst().orElse(null));
    }
}
