package io.timelapse.platform.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/** The options whose values differ between a recorded run and this command line, the shared ones aside. */
final class OptionChanges {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Change(String name, String recorded, String now) {}

    private OptionChanges() {}

    static List<Change> between(CommandSpec spec, JsonNode recorded, Map<String, Object> current) throws IOException {
        // Through text, as run.json was written and read, so 60 (long) equals the recorded 60 (int).
        JsonNode now = JSON.readTree(JSON.writeValueAsBytes(current));
        Set<String> keys = new LinkedHashSet<>();
        recorded.fieldNames().forEachRemaining(keys::add);
        for (Iterator<String> names = now.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        List<Change> changes = new ArrayList<>();
        for (String key : keys) {
            if (!ResolvedOptions.SHARED.contains(key) && !recorded.path(key).equals(now.path(key))) {
                String name = ResolvedOptions.displayName(spec, key);
                changes.add(new Change(name, text(recorded.path(key)), text(now.path(key))));
            }
        }
        return changes;
    }

    /** {@code with --steps 60; this command line has --steps 80}. */
    static String describe(List<Change> changes) {
        List<String> recorded = new ArrayList<>();
        List<String> now = new ArrayList<>();
        for (Change change : changes) {
            recorded.add(change.name() + " " + change.recorded());
            now.add(change.name() + " " + change.now());
        }
        return "with " + String.join(", ", recorded) + "; this command line has " + String.join(", ", now);
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode()) {
            return "(not recorded)";
        }
        if (value.isNull()) {
            return "(not given)";
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(item.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }
}
