package io.timelapse.lib.metrics;

import io.timelapse.lib.files.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prepares a line-per-row log for a resumed run: keeps the header lines and the rows of steps
 * before the resume step, drops later rows and an unterminated last line (a row cut off by a kill),
 * and rewrites the file atomically.
 */
final class StepTruncation {

    /** Reads the step of a row line; throws {@link IllegalArgumentException} when the line has none. */
    @FunctionalInterface
    interface StepReader {
        long stepOf(String line);
    }

    private StepTruncation() {}

    /** The lines kept, header lines first; the file is rewritten with exactly these lines. */
    static List<String> truncate(Path file, int headerLines, long resumeStep, StepReader steps) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        // The last element is "" after a final newline, or an unterminated fragment: drop either.
        lines.remove(lines.size() - 1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i < headerLines) {
                kept.add(line);
                continue;
            }
            if (line.isEmpty()) {
                continue;
            }
            long step;
            try {
                step = steps.stepOf(line);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": line " + (i + 1) + " has no readable step: " + e.getMessage(), e);
            }
            if (step < resumeStep) {
                kept.add(line);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : kept) {
            out.append(line).append('\n');
        }
        AtomicFiles.writeString(file, out.toString());
        return kept;
    }
}
