package io.timelapse.platform.lm.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.lib.metrics.CompositeMetricsWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The loss the training loop logged for a step, read back from {@code metrics.jsonl}: what a run
 * resumed at its last step reports, since it trains no step of its own.
 */
public final class LoggedLoss {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LoggedLoss() {}

    /** The logged loss of {@code step} in {@code directory}'s metrics, or NaN when none was logged. */
    public static double of(Path directory, long step) throws IOException {
        Path file = directory.resolve(CompositeMetricsWriter.JSONL_FILE);
        if (!Files.isRegularFile(file)) {
            return Double.NaN;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(lines.get(i));
            if (row.path("step").asLong(-1) == step && row.has("loss")) {
                JsonNode loss = row.get("loss");
                // Non-finite values are logged as the strings "NaN", "Infinity", "-Infinity".
                return loss.isNumber() ? loss.doubleValue() : Double.parseDouble(loss.asText());
            }
        }
        return Double.NaN;
    }
}
