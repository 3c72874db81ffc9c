package io.timelapse.lib.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

    private final RecordingRun run = new RecordingRun();
    private final StringWriter printed = new StringWriter();

    private BenchReport report() {
        return new BenchReport(new Machine("AMD EPYC", 2), "CPU", 0.25)
                .note("matmul_2048_gflops", 40.123456789)
                .add(Metric.time("mlp_step", "ms", Spread.of(3, 4, 6)).against("pytorch", Spread.of(7, 8, 12)).ofMatmul(0.4))
                .add(Metric.rate("parse", "chains_per_s", Spread.of(10, 20, 30)));
    }

    @Test
    void everyFigureIsRecordedUnderItsStableKey() {
        report().referenceMissing("numpy", "python3 cannot be started").finish(run, new PrintWriter(printed), Double.NaN);
        Map<String, Object> results = run.results;
        assertEquals("CPU", run.device);
        assertEquals("AMD EPYC, 2 cores", results.get("machine"));
        assertEquals(0.25, results.get("load_average_before"));
        assertNull(results.get("load_average_after"));
        assertTrue(results.containsKey("load_average_after"));
        assertEquals(40.1235, results.get("matmul_2048_gflops"));
        assertEquals(3.0, results.get("mlp_step_ms_min"));
        assertEquals(4.0, results.get("mlp_step_ms_median"));
        assertEquals(6.0, results.get("mlp_step_ms_max"));
        assertEquals(8.0, results.get("pytorch_mlp_step_ms_median"));
        assertEquals(2.0, results.get("mlp_step_speedup_vs_pytorch"));
        assertEquals(0.4, results.get("mlp_step_fraction_of_matmul"));
        assertEquals(20.0, results.get("parse_chains_per_s_median"));
        assertEquals("python3 cannot be started", results.get("numpy_not_measured"));
    }

    @Test
    void theMetricsAreAlsoRecordedAsRowsWithTheSameKeysEach() {
        report().finish(run, new PrintWriter(printed), 0.5);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) run.results.get("metrics");
        assertEquals(2, rows.size());
        assertEquals(BenchReport.ROW_KEYS, List.copyOf(rows.get(0).keySet()));
        assertEquals(BenchReport.ROW_KEYS, List.copyOf(rows.get(1).keySet()));
        assertEquals("mlp_step", rows.get(0).get("metric"));
        assertEquals("lower", rows.get(0).get("better"));
        assertEquals("pytorch", rows.get(0).get("reference"));
        assertEquals(12.0, rows.get(0).get("reference_max"));
        assertEquals(3, rows.get(0).get("repeats"));
        assertEquals("higher", rows.get(1).get("better"));
        assertNull(rows.get(1).get("reference"));
        assertNull(rows.get(1).get("speedup"));
    }

    @Test
    void thePrintedReportNamesTheMachineTheLoadAndEachMetricsSpread() {
        report().finish(run, new PrintWriter(printed), 0.5);
        String text = printed.toString();
        assertTrue(text.contains("machine             AMD EPYC, 2 cores; device CPU"), text);
        assertTrue(text.contains("load average        0.25 before, 0.5 after (one minute)"), text);
        assertTrue(text.matches("(?s).*mlp_step\\s+ms\\s+3 / 4 / 6\\s+pytorch 7 / 8 / 12\\s+2x\\s+40.0 %.*"), text);
        assertTrue(text.matches("(?s).*parse\\s+chains_per_s\\s+10 / 20 / 30\\s+-\\s+-\\s+-.*"), text);
    }
}
