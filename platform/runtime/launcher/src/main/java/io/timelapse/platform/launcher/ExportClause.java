package io.timelapse.platform.launcher;

import java.util.ArrayList;
import java.util.List;

/** One package of an {@code Export-Package} header with its version, if any. */
record ExportClause(String packageName, String version) {

    /** Splits a header on the commas and semicolons that are outside quoted strings. */
    static List<ExportClause> parse(String header) {
        List<ExportClause> clauses = new ArrayList<>();
        for (String clause : split(header, ',')) {
            List<String> parts = split(clause, ';');
            List<String> names = new ArrayList<>();
            String version = null;
            for (String part : parts) {
                String trimmed = part.trim();
                if (trimmed.startsWith("version=")) {
                    version = trimmed.substring("version=".length()).replace("\"", "");
                } else if (!trimmed.contains("=")) {
                    names.add(trimmed);
                }
            }
            for (String name : names) {
                clauses.add(new ExportClause(name, version));
            }
        }
        return clauses;
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            parts.add(current.toString());
        }
        return parts;
    }
}
