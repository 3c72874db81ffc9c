package io.timelapse.lib.bench;

import io.timelapse.api.run.Run;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What every benchmark command reports, in one shape: the machine and device, the load average before and after,
 * notes (the matmul rate, the reference's version, why a reference was not measured), and its {@link Metric}s as a
 * table of min / median / max of ours and of the reference, the speedup and the share of the matmul rate. It is
 * printed and recorded in {@code run.json} under stable keys:
 * <ul>
 *   <li>{@code machine}, {@code load_average_before}, {@code load_average_after} (one minute; null when unknown);</li>
 *   <li>per metric {@code <name>_<unit>_min|median|max}, the reference's {@code <reference>_<name>_<unit>_min|median|max},
 *       {@code <name>_speedup_vs_<reference>} and {@code <name>_fraction_of_matmul};</li>
 *   <li>{@code <reference>_not_measured}: why a reference has no figures;</li>
 *   <li>{@code metrics}: the same figures as a list of rows ({@link #ROW_KEYS}), which {@code timelapse bench all} reads.</li>
 * </ul>
 */
public final class BenchReport {

    /** The keys of each row of the {@code metrics} result, in order. */
    public static final List<String> ROW_KEYS = List.of("metric", "unit", "better", "ours_min", "ours_median", "ours_max",
            "repeats", "reference", "reference_min", "reference_median", "reference_max", "speedup", "fraction_of_matmul");

    private final Machine machine;
    private final String device;
    private final double loadBefore;
    private final Map<String, Object> notes = new LinkedHashMap<>();
    private final List<Metric> metrics = new ArrayList<>();

    /** Starts a report on this machine for a benchmark that computes on {@code device} (null when it uses none); reads the load now. */
    public BenchReport(String device) {
        this(Machine.current(), device, LoadAverage.now());
    }

    public BenchReport(Machine machine, String device, double loadBefore) {
        this.machine = machine;
        this.device = device;
        this.loadBefore = loadBefore;
    }

    /** A figure or fact printed and recorded under {@code key} before the table, such as {@code matmul_2048_gflops}. */
    public BenchReport note(String key, Object value) {
        notes.put(key, value instanceof Double number ? rounded(number) : value);
        return this;
    }

    /** Records why {@code reference} has no figures in this run, as {@code <reference>_not_measured}. */
    public BenchReport referenceMissing(String reference, String problem) {
        return note(reference + "_not_measured", problem);
    }

    public BenchReport add(Metric metric) {
        metrics.add(metric);
        return this;
    }

    public List<Metric> metrics() {
        return List.copyOf(metrics);
    }

    /** Reads the load again, then prints the report to {@code out} and records it in {@code run}. */
    public void finish(Run run, PrintWriter out) {
        finish(run, out, LoadAverage.now());
    }

    void finish(Run run, PrintWriter out, double loadAfter) {
        if (device != null) {
            run.device(device);
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", machine.toString());
        results.put("load_average_before", finiteOrNull(loadBefore));
        results.put("load_average_after", finiteOrNull(loadAfter));
        results.putAll(notes);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Metric metric : metrics) {
            put(results, metric.name() + "_" + metric.unit(), metric.ours());
            if (metric.reference() != null) {
                put(results, metric.reference() + "_" + metric.name() + "_" + metric.unit(), metric.referenceValue());
                results.put(metric.speedupKey(), rounded(metric.speedup()));
            }
            if (metric.fractionOfMatmul() != null) {
                results.put(metric.matmulKey(), rounded(metric.fractionOfMatmul()));
            }
            rows.add(row(metric));
        }
        results.put("metrics", rows);
        results.forEach(run::result);
        print(out, loadAfter);
    }

    private void print(PrintWriter out, double loadAfter) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("machine", machine + (device != null ? "; device " + device : ""));
        facts.put("load average", load(loadBefore) + " before, " + load(loadAfter) + " after (one minute)");
        facts.putAll(notes);
        int width = facts.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        facts.forEach((key, value) -> out.println(key + " ".repeat(width - key.length()) + value));
        if (metrics.isEmpty()) {
            out.flush();
            return;
        }
        out.println();
        Table table = new Table(List.of("metric", "unit", "ours min / median / max", "reference min / median / max", "speedup", "of matmul"));
        for (Metric metric : metrics) {
            table.row(List.of(metric.name(), metric.unit(), spread(metric.ours()),
                    metric.reference() == null ? "-" : metric.reference() + " " + spread(metric.referenceValue()),
                    metric.speedup() == null ? "-" : Table.number(metric.speedup()) + "x",
                    metric.fractionOfMatmul() == null ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * metric.fractionOfMatmul())));
        }
        table.print(out);
    }

    private static Map<String, Object> row(Metric metric) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("metric", metric.name());
        row.put("unit", metric.unit());
        row.put("better", metric.higherIsBetter() ? "higher" : "lower");
        row.put("ours_min", rounded(metric.ours().min()));
        row.put("ours_median", rounded(metric.ours().median()));
        row.put("ours_max", rounded(metric.ours().max()));
        row.put("repeats", metric.ours().count());
        Spread reference = metric.referenceValue();
        row.put("reference", metric.reference());
        row.put("reference_min", reference == null ? null : rounded(reference.min()));
        row.put("reference_median", reference == null ? null : rounded(reference.median()));
        row.put("reference_max", reference == null ? null : rounded(reference.max()));
        row.put("speedup", metric.speedup() == null ? null : rounded(metric.speedup()));
        row.put("fraction_of_matmul", metric.fractionOfMatmul() == null ? null : rounded(metric.fractionOfMatmul()));
        return row;
    }

    private static void put(Map<String, Object> results, String prefix, Spread spread) {
        results.put(prefix + "_min", rounded(spread.min()));
        results.put(prefix + "_median", rounded(spread.median()));
        results.put(prefix + "_max", rounded(spread.max()));
    }

    private static String spread(Spread spread) {
        return Table.number(spread.min()) + " / " + Table.number(spread.median()) + " / " + Table.number(spread.max());
    }

    private static String load(double load) {
        return Double.isFinite(load) ? Table.number(load) : "unknown";
    }

    private static Double finiteOrNull(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** Six significant digits: what a timing means, without binary noise in {@code run.json}. */
    static double rounded(double value) {
        return Double.isFinite(value) ? new BigDecimal(value).round(new MathContext(6)).doubleValue() : value;
    }
}
