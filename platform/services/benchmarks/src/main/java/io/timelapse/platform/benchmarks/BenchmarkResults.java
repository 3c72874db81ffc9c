package io.timelapse.platform.benchmarks;

import io.timelapse.api.run.Run;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A benchmark's figures in the order they were measured: printed as a table and kept in {@code run.json}. */
final class BenchmarkResults {

    private final Map<String, Object> values = new LinkedHashMap<>();

    void put(String key, Object value) {
        values.put(key, value instanceof Double number ? round(number) : value);
    }

    Object get(String key) {
        return values.get(key);
    }

    void report(Run run, PrintWriter out) {
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        values.forEach((key, value) -> {
            out.printf("%-" + width + "s%s%n", key, value);
            run.result(key, value);
        });
        out.flush();
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
