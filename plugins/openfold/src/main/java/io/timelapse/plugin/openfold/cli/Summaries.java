package io.timelapse.plugin.openfold.cli;

import io.timelapse.api.run.Run;
import io.timelapse.plugin.openfold.features.FeatureArray;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.metrics.StructureMetrics;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Text summaries and run results shared by the commands. */
final class Summaries {

    private Summaries() {}

    static void features(PrintWriter out, FeatureSet features) {
        for (Map.Entry<String, FeatureArray> e : features.asMap().entrySet()) {
            out.printf(Locale.ROOT, "  %-32s %-8s %s%n", e.getKey(), e.getValue().dtype().name().toLowerCase(Locale.ROOT),
                    Arrays.toString(e.getValue().shape()));
        }
    }

    /** min / median / max of integer values. */
    static String range(int[] values) {
        if (values.length == 0) {
            return "n/a";
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        return "min " + sorted[0] + ", median " + sorted[sorted.length / 2] + ", max " + sorted[sorted.length - 1];
    }

    /** The structure metrics as run.json results, under the names every command uses. */
    static void metrics(Run run, StructureMetrics m) {
        run.result("lddt_ca", m.lddtGlobal());
        run.result("drmsd", m.drmsd());
        run.result("rmsd", m.rmsd());
        run.result("gdt_ts", m.gdtTs());
        run.result("gdt_ha", m.gdtHa());
    }
}
