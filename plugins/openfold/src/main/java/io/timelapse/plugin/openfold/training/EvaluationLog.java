package io.timelapse.plugin.openfold.training;

import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A training run's {@code eval.csv}: one row per evaluation ({@code step,lddt_ca,mean_plddt}) in step order, rewritten
 * atomically on each one. A run that stopped after evaluating past its last checkpoint resumes from that checkpoint
 * and evaluates those steps again: rows at or after the step being written are dropped first, so each step appears
 * once.
 */
public final class EvaluationLog {

    static final String HEADER = "step,lddt_ca,mean_plddt";

    private final Path file;

    public EvaluationLog(Path file) {
        this.file = file;
    }

    /** Records the evaluation after {@code step} completed steps, replacing any row from that step on. */
    public void write(long step, double lddtCa, double meanPlddt) throws IOException {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        if (Files.exists(file)) {
            List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : rows.subList(Math.min(1, rows.size()), rows.size())) {
                if (!line.isBlank() && Long.parseLong(line.substring(0, line.indexOf(','))) < step) {
                    lines.add(line);
                }
            }
        }
        lines.add(String.format(Locale.ROOT, "%d,%.6f,%.4f", step, lddtCa, meanPlddt));
        AtomicFiles.writeString(file, String.join("\n", lines) + "\n");
    }
}
