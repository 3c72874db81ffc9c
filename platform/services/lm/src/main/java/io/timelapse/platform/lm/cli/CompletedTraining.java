package io.timelapse.platform.lm.cli;

import io.timelapse.api.run.Run;
import io.timelapse.platform.lm.model.LoggedLoss;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code lm train} says about a finished run that {@code --out} holds; it writes nothing. */
final class CompletedTraining {

    private CompletedTraining() {}

    /** One line: the run is complete, with its steps, final loss and checkpoints from its results (the loss from its metrics log if missing). */
    static void report(PrintWriter out, Run run, Path checkpoints) throws IOException {
        Map<String, Object> results = run.results();
        long finalStep = results.get("final_step") instanceof Number step ? step.longValue() : -1;
        double finalLoss = number(results.get("final_loss"));
        if (Double.isNaN(finalLoss) && finalStep >= 0) {
            finalLoss = LoggedLoss.of(checkpoints, finalStep);
        }
        int count = results.get("checkpoints") instanceof List<?> list ? list.size() : 0;
        out.printf(Locale.ROOT, "training in %s is complete: %d steps, final loss %.4f, %d checkpoints in %s; nothing to do%n", run.directory(),
                finalStep, finalLoss, count, checkpoints);
        out.flush();
    }

    /** A number from run.json, where a non-finite one is a string such as "NaN". */
    private static double number(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        try {
            return value == null ? Double.NaN : Double.parseDouble(value.toString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
