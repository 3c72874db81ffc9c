package io.timelapse.plugin.dsb.probing;

import io.timelapse.lib.plot.LinePlot;
import io.timelapse.lib.plot.Scale;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The paper's figures: accuracy and loss on every probe set against log2 of the step, one line per set. */
public final class ProbePlots {

    public static final String ACCURACY = "accuracy_vs_step";
    public static final String LOSS = "loss_vs_step";

    private ProbePlots() {}

    /** Writes {@value #ACCURACY} (with the chance level, 1 / classes) and {@value #LOSS}, each as .png and .svg. */
    public static void write(ProbeTable table, int classes, String title, Path directory) throws IOException {
        Map<Long, List<ProbeScore>> rows = table.rows();
        if (rows.isEmpty()) {
            return;
        }
        double[] x = new double[rows.size()];
        List<List<ProbeScore>> columns = new ArrayList<>(rows.values());
        int i = 0;
        for (long step : rows.keySet()) {
            x[i++] = step == 0 ? Double.NaN : Math.log(step) / Math.log(2);
        }
        LinePlot accuracy = LinePlot.of(title + ": accuracy").xAxis("log2(step)", Scale.LINEAR).yAxis("accuracy", Scale.LINEAR);
        LinePlot loss = LinePlot.of(title + ": loss").xAxis("log2(step)", Scale.LINEAR).yAxis("cross-entropy (nats)", Scale.LINEAR);
        int sets = columns.get(0).size();
        for (int s = 0; s < sets; s++) {
            double[] acc = new double[x.length];
            double[] ce = new double[x.length];
            for (int r = 0; r < x.length; r++) {
                acc[r] = columns.get(r).get(s).accuracy();
                ce[r] = columns.get(r).get(s).loss();
            }
            String name = columns.get(0).get(s).set();
            accuracy.series(name, x, acc);
            loss.series(name, x, ce);
        }
        double first = x[0];
        double last = x[x.length - 1];
        if (!Double.isFinite(first)) {
            first = 0;
        }
        accuracy.reference("chance", new double[] {first, last}, new double[] {1.0 / classes, 1.0 / classes}, null);
        accuracy.write(directory, ACCURACY);
        loss.write(directory, LOSS);
    }
}
