package io.timelapse.platform.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.csv.Csv;
import io.timelapse.testkit.CommandTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench all} over tiny fake benchmarks in a test command tree: what it runs, what it records, its errors. */
class AllBenchmarksTest {

    @TempDir
    Path tmp;

    private CommandTester tester;

    private CommandTester.Result all(String... args) {
        tester = new CommandTester(tmp.resolve("runs"));
        return tester.execute("bench", new AllBenchmarks(tester.runs()), List.of(new FakeBenchmarks.Reported(tester.runs()),
                new FakeBenchmarks.Flat(tester.runs()), new FakeBenchmarks.Broken(tester.runs()),
                new FakeBenchmarks.NeedsData(tester.runs())), args);
    }

    /** The rows of summary.csv, each by column. */
    private List<Map<String, String>> csvRows(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("summary.csv"));
        List<String> header = Csv.split(lines.get(0));
        return lines.subList(1, lines.size()).stream().map(line -> {
            List<String> fields = Csv.split(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields.get(i));
            }
            return row;
        }).toList();
    }

    @Test
    void everyBenchmarkRunsAndAFailingOneIsRecordedWithItsReasonNotFatal() throws IOException {
        Path out = tmp.resolve("all");
        CommandTester.Result result = all("--out", out.toString());

        assertEquals(0, result.exitCode(), result.err());
        assertFalse(result.stackTrace(), result.out() + result.err());
        assertTrue(result.out().contains("2 of 4 benchmarks failed (broken, needs-data); the table says why."), result.out());
        List<Map<String, String>> rows = csvRows(out);
        assertEquals(List.of("broken", "flat", "flat", "needs-data", "reported", "reported"),
                rows.stream().map(row -> row.get("benchmark")).toList());
        Map<String, String> broken = rows.get(0);
        assertEquals("failed", broken.get("status"));
        assertEquals("exit 1: the reference machine is on fire", broken.get("note"));
        Map<String, String> needsData = rows.get(3);
        assertEquals("failed", needsData.get("status"));
        assertEquals("exit 2: --data /nowhere: not found; apt-get install test-data", needsData.get("note"));
        assertFalse(Files.exists(out.resolve("needs-data")), "a usage error leaves no run of its own");
        assertEquals("failed", json(out.resolve("broken/run.json")).path("status").asText());
        JsonNode record = json(out.resolve("run.json"));
        assertEquals("succeeded", record.path("status").asText());
        assertEquals(List.of("broken", "needs-data"), List.of(record.path("results").path("failed").get(0).asText(),
                record.path("results").path("failed").get(1).asText()));
    }

    @Test
    void theSummaryHasOursTheReferenceTheSpeedupAndTheMatmulSharePerBenchmarkAndMetric() throws IOException {
        Path out = tmp.resolve("all");
        assertEquals(0, all("--out", out.toString(), "--only", "reported,flat").exitCode());

        List<String> header = Csv.split(Files.readAllLines(out.resolve("summary.csv")).get(0));
        assertEquals(BenchmarkSummary.COLUMNS, header);
        List<Map<String, String>> rows = csvRows(out);
        Map<String, String> features = rows.get(2);
        assertEquals("features", features.get("metric"));
        assertEquals("ms", features.get("unit"));
        assertEquals("lower", features.get("better"));
        assertEquals(List.of("2.0", "3.0", "5.0"), List.of(features.get("ours_min"), features.get("ours_median"), features.get("ours_max")));
        assertEquals("numpy", features.get("reference"));
        assertEquals("6.0", features.get("reference_median"));
        assertEquals("2.0", features.get("speedup"));
        assertEquals("0.25", features.get("fraction_of_matmul"));
        assertEquals("0.5", features.get("load_before"));
        assertEquals("pytorch not measured: /usr/bin/python3 cannot be started", features.get("note"));
        Map<String, String> parse = rows.get(3);
        assertEquals("parse", parse.get("metric"));
        assertEquals("", parse.get("reference"));
        assertEquals("", parse.get("speedup"));
        Map<String, String> probe = rows.get(0);
        assertEquals(List.of("flat", "probe", "pytorch", "2.5", "0.3"), List.of(probe.get("benchmark"), probe.get("metric"),
                probe.get("reference"), probe.get("speedup"), probe.get("fraction_of_matmul")));
        Map<String, String> stats = rows.get(1);
        assertEquals(List.of("stats", "numpy", "0.8"), List.of(stats.get("metric"), stats.get("reference"), stats.get("speedup")));

        String markdown = Files.readString(out.resolve("summary.md"));
        assertTrue(markdown.contains("- machine: "), markdown);
        assertTrue(markdown.contains("- load average (one minute): "), markdown);
        assertTrue(markdown.contains("- versions: Timelapse test, numpy 1.24.2\n"), markdown);
        assertTrue(markdown.contains("- command: `timelapse bench all --out " + out + " --only reported,flat`, started "), markdown);
        assertTrue(markdown.contains("| benchmark | metric | unit | ours min / median / max | reference min / median / max | speedup | of matmul | note |"),
                markdown);
        assertTrue(markdown.contains("| reported | features | ms | 2 / 3 / 5 | numpy 5 / 6 / 9 | 2× | 25.0 % |"), markdown);
        assertTrue(markdown.contains("| flat | probe |  |  | pytorch | 2.5× | 30.0 % |  |"), markdown);
        assertTrue(Files.isRegularFile(out.resolve("reported/run.json")), "each benchmark's run sits in the run of all");
        assertTrue(json(out.resolve("reported/run.json")).path("invokedAs").toString().contains("all"));
    }

    @Test
    void skipLeavesOutTheNamedBenchmarks() throws IOException {
        Path out = tmp.resolve("all");
        assertEquals(0, all("--out", out.toString(), "--skip", "broken,needs-data,flat").exitCode());
        assertEquals(List.of("reported", "reported"), csvRows(out).stream().map(row -> row.get("benchmark")).toList());
        assertFalse(Files.exists(out.resolve("flat")));
    }

    @Test
    void anUnknownBenchmarkNameIsAUsageErrorBeforeAnyRun() {
        CommandTester.Result only = all("--only", "reported,nope");
        assertEquals(2, only.exitCode(), only.err());
        assertTrue(only.err().startsWith("error: --only reported,nope: no benchmark 'nope' is installed; the installed ones are"
                + " broken, flat, needs-data, reported\n"), only.err());
        CommandTester.Result skip = all("--skip", "all");
        assertEquals(2, skip.exitCode(), skip.err());
        assertTrue(skip.err().startsWith("error: --skip all: no benchmark 'all' is installed;"), skip.err());
        assertFalse(Files.exists(tmp.resolve("runs")) && tmp.resolve("runs").toFile().list().length > 0, "no run directory");
    }

    @Test
    void skippingEveryBenchmarkIsAUsageError() {
        CommandTester.Result result = all("--skip", "reported,flat,broken,needs-data");
        assertEquals(2, result.exitCode(), result.err());
        assertTrue(result.err().startsWith("error: no benchmark is left to run: the installed ones are broken, flat, needs-data, reported"),
                result.err());
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }
}
