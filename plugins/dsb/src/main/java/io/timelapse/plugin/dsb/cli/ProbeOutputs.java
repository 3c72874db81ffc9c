package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.run.Run;
import io.timelapse.plugin.dsb.probing.ProbePlots;
import io.timelapse.plugin.dsb.probing.ProbeScore;
import io.timelapse.plugin.dsb.probing.ProbeTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** What {@code dsb train}, {@code probe} and {@code demo} write and print about the probed checkpoints. */
final class ProbeOutputs {

    private ProbeOutputs() {}

    /** Writes probes.csv, probes.jsonl and the two plots into the run, records the last row and says where they are. */
    static void write(Run run, PrintWriter out, ProbeTable table, int classes, String title) throws IOException {
        run.write(ProbeTable.CSV, stream -> stream.write(table.csv().getBytes(StandardCharsets.UTF_8)));
        String lines = table.jsonLines();
        run.write(ProbeTable.JSON_LINES, stream -> stream.write(lines.getBytes(StandardCharsets.UTF_8)));
        ProbePlots.write(table, classes, title, run.directory());
        run.result("checkpoints_probed", table.rows().size());
        if (!table.rows().isEmpty()) {
            long last = table.rows().lastKey();
            out.printf(Locale.ROOT, "step %d:%n", last);
            for (ProbeScore score : table.rows().get(last)) {
                out.printf(Locale.ROOT, "  %-12s accuracy %.4f  loss %.4f  (%d images)%n", score.set(), score.accuracy(), score.loss(), score.scored());
                run.result("final_" + score.set() + "_accuracy", score.accuracy());
                run.result("final_" + score.set() + "_loss", score.loss());
            }
        }
        out.println("probes: " + run.output(ProbeTable.CSV) + " (" + table.rows().size() + " checkpoints), " + run.output(ProbeTable.JSON_LINES));
        out.println("plots: " + run.output(ProbePlots.ACCURACY + ".png") + ", " + run.output(ProbePlots.LOSS + ".png"));
        out.flush();
    }

    /** One log line per probed checkpoint. */
    static String describe(long step, List<ProbeScore> scores) {
        StringBuilder text = new StringBuilder("step ").append(step).append(':');
        for (ProbeScore score : scores) {
            text.append(String.format(Locale.ROOT, " %s %.3f", score.set(), score.accuracy()));
        }
        return text.toString();
    }
}
