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
 * A CSV of a training run's evaluations, rows starting with the step, in step order and rewritten atomically on each
 * evaluation: {@code eval.csv} ({@code step,lddt_ca,mean_plddt}) or, one row per chain, {@code validation.csv}. A run
 * that stopped after evaluating past its last checkpoint resumes from that checkpoint and evaluates those steps again:
 * rows at or after the step being written are dropped first, so each step appears once.
 */
public final class EvaluationLog {

    static final String HEADER = "step,lddt_ca,mean_plddt";

    private final Path file;
    private final String header;

    /** The log of {@code eval.csv}'s columns. */
    public EvaluationLog(Path file) {
        this(file, HEADER);
    }

    /** A log whose first column is the step and whose header is {@code header}. */
    public EvaluationLog(Path file, String header) {
        this.file = file;
        this.header = header;
    }

    /** Records the evaluation after {@code step} completed steps, replacing any row from that step on. */
    public void write(long step, double lddtCa, double meanPlddt) throws IOException {
        write(step, List.of(String.format(Locale.ROOT, "%.6f,%.4f", lddtCa, meanPlddt)));
    }

    /** Records the rows (without their step) of the evaluation after {@code step} steps, replacing any row from that step on. */
    public void write(long step, List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of(header));
        if (Files.exists(file)) {
            List<String> kept = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : kept.subList(Math.min(1, kept.size()), kept.size())) {
                if (!line.isBlank() && Long.parseLong(line.substring(0, line.indexOf(','))) < step) {
                    lines.add(line);
                }
            }
        }
        rows.forEach(row -> lines.add(step + "," + row));
        AtomicFiles.writeString(file, String.join("\n", lines) + "\n");
    }
}
