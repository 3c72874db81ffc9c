package io.timelapse.platform.shell.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The options a shard's {@code run.json} records ({@code config}), compared between the shards of one job. */
final class RecordedOptions {

    /** Where and how verbosely a command runs, not what it computes: these may differ between shards. */
    private static final Set<String> SHARED = Set.of("out", "quiet", "log-level", "config", "plugins");

    private RecordedOptions() {}

    /** The key of {@code --steps} in {@code run.json}: {@code steps}. */
    static String key(String option) {
        return option.replaceFirst("^-+", "");
    }

    /**
     * The options whose recorded values differ, as {@code --prefix 16 (shard 0: 32)}; the shared
     * ones and {@code mayDiffer} (keys) aside.
     */
    static List<String> differences(JsonNode config, JsonNode reference, String referenceName, Set<String> mayDiffer) {
        List<String> differences = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        reference.fieldNames().forEachRemaining(keys::add);
        config.fieldNames().forEachRemaining(keys::add);
        for (String key : keys) {
            if (!SHARED.contains(key) && !mayDiffer.contains(key) && !config.path(key).equals(reference.path(key))) {
                differences.add("--" + key + " " + text(config.path(key)) + " (" + referenceName + ": " + text(reference.path(key)) + ")");
            }
        }
        return differences;
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode()) {
            return "not recorded";
        }
        if (value.isNull()) {
            return "not given";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }
}
