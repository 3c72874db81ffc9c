package io.timelapse.plugin.openfold.msa;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Parsers for the alignment formats OpenFold and family databases use: a3m, A2M, Stockholm,
 * aligned FASTA and Clustal. a3m/A2M are query-anchored already; the others are column alignments
 * anchored on their first sequence.
 */
public final class MsaParsers {

    private MsaParsers() {}

    /** Reads an MSA file by extension (.a3m, .a2m, .sto/.sth/.stk, .fasta/.fa/.afa/.fas, .aln/.clustal; optionally .gz). */
    public static Msa read(Path file) throws IOException {
        String text = readText(file);
        String source = file.toString();
        switch (format(file)) {
            case "a3m":
            case "a2m":
                return parseA3m(text, source);
            case "stockholm":
                return parseStockholm(text, source).rerootOn(0);
            case "clustal":
                return parseClustal(text, source).rerootOn(0);
            default:
                return parseAlignedFasta(text, source).rerootOn(0);
        }
    }

    /** Reads a file as a column alignment (for re-rooting on any member). */
    public static ColumnAlignment readColumns(Path file) throws IOException {
        String text = readText(file);
        String source = file.toString();
        switch (format(file)) {
            case "a3m":
            case "a2m":
                return expandA2m(text, source);
            case "stockholm":
                return parseStockholm(text, source);
            case "clustal":
                return parseClustal(text, source);
            default:
                return parseAlignedFasta(text, source);
        }
    }

    static String format(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        String ext = name.substring(name.lastIndexOf('.') + 1);
        switch (ext) {
            case "a3m": return "a3m";
            case "a2m": return "a2m";
            case "sto": case "sth": case "stk": case "stockholm": return "stockholm";
            case "aln": case "clustal": case "clw": return "clustal";
            default: return "fasta";
        }
    }

    public static boolean isAlignmentFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT).replaceAll("\\.gz$", "");
        return name.matches(".*\\.(a3m|a2m|sto|sth|stk|stockholm|aln|clustal|clw|fasta|fa|afa|fas)$");
    }

    static String readText(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new AlignmentFormatException(file.toString(), "no such alignment file");
        }
        InputStream raw = Files.newInputStream(file);
        InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[1 << 16];
            int n;
            while ((n = r.read(buf)) > 0) {
                sb.append(buf, 0, n);
            }
            return sb.toString();
        }
    }

    /** FASTA records: description (text after '>') and the concatenated, whitespace-free sequence. */
    static void parseFasta(String text, String source, List<String> descriptions, List<String> sequences)
            throws AlignmentFormatException {
        StringBuilder current = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.startsWith(">")) {
                if (current != null) {
                    sequences.add(current.toString());
                }
                descriptions.add(line.substring(1));
                current = new StringBuilder();
            } else if (!line.isEmpty()) {
                if (current == null) {
                    throw new AlignmentFormatException(source, "sequence data before the first '>' header");
                }
                appendWithoutWhitespace(current, line);
            }
        }
        if (current != null) {
            sequences.add(current.toString());
        }
        if (sequences.isEmpty()) {
            throw new AlignmentFormatException(source, "empty alignment: no FASTA records");
        }
    }

    /** Appends {@code line} to {@code sequence} without its blanks, tabs and other whitespace. */
    private static void appendWithoutWhitespace(StringBuilder sequence, String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (!Character.isWhitespace(c)) {
                sequence.append(c);
            }
        }
    }

    /**
     * a3m (and A2M): lowercase letters are insertions relative to the query, removed from the row
     * and counted as deletions at the next aligned column; '.' (A2M insert gaps) are dropped.
     */
    public static Msa parseA3m(String text, String source) throws AlignmentFormatException {
        List<String> descriptions = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        parseFasta(text, source, descriptions, raw);
        List<String> sequences = new ArrayList<>();
        List<int[]> deletions = new ArrayList<>();
        for (String s : raw) {
            StringBuilder aligned = new StringBuilder(s.length());
            int[] del = new int[s.length()];
            int columns = 0;
            int count = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isLowerCase(c)) {
                    count++;
                } else if (c != '.') {
                    del[columns++] = count;
                    count = 0;
                    aligned.append(c);
                }
            }
            sequences.add(aligned.toString());
            deletions.add(Arrays.copyOf(del, columns));
        }
        return Msa.of(source, sequences, descriptions, deletions);
    }

    /**
     * An A2M/a3m file as a full column alignment: each run of insert states between two match
     * columns is padded to the longest such run, so that any member can become the query.
     */
    public static ColumnAlignment expandA2m(String text, String source) throws AlignmentFormatException {
        List<String> names = new ArrayList<>();
        List<String> raw = new ArrayList<>();
        parseFasta(text, source, names, raw);
        List<List<String>> segments = new ArrayList<>();
        int matchColumns = -1;
        for (int i = 0; i < raw.size(); i++) {
            List<String> parts = new ArrayList<>();
            StringBuilder insert = new StringBuilder();
            int matches = 0;
            for (char c : raw.get(i).toCharArray()) {
                if (Character.isLowerCase(c)) {
                    insert.append(c);
                } else if (c != '.') {
                    parts.add(insert.toString());
                    parts.add(String.valueOf(c));
                    insert.setLength(0);
                    matches++;
                }
            }
            parts.add(insert.toString());
            if (matchColumns >= 0 && matches != matchColumns) {
                throw new AlignmentFormatException(source, "sequence " + (i + 1) + " ('" + names.get(i) + "') has "
                        + matches + " match columns, the first has " + matchColumns);
            }
            matchColumns = matches;
            segments.add(parts);
        }
        int slots = 2 * matchColumns + 1;
        int[] widest = new int[slots];
        for (List<String> parts : segments) {
            for (int k = 0; k < slots; k += 2) {
                widest[k] = Math.max(widest[k], parts.get(k).length());
            }
        }
        List<String> rows = new ArrayList<>();
        for (List<String> parts : segments) {
            StringBuilder row = new StringBuilder();
            for (int k = 0; k < slots; k++) {
                String part = parts.get(k);
                row.append(part);
                if (k % 2 == 0) {
                    row.append("-".repeat(widest[k] - part.length()));
                }
            }
            rows.add(row.toString());
        }
        return ColumnAlignment.of(source, names, rows);
    }

    /** Stockholm: wrapped blocks concatenated per name; '.' normalised to '-'. */
    public static ColumnAlignment parseStockholm(String text, String source) throws AlignmentFormatException {
        Map<String, StringBuilder> byName = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("//")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new AlignmentFormatException(source, "Stockholm line is not 'name sequence': " + line);
            }
            byName.computeIfAbsent(parts[0], k -> new StringBuilder()).append(parts[1].replace('.', '-'));
        }
        return columns(source, byName);
    }

    /** Aligned FASTA: every record has the same number of columns. */
    public static ColumnAlignment parseAlignedFasta(String text, String source) throws AlignmentFormatException {
        List<String> names = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        parseFasta(text, source, names, rows);
        return ColumnAlignment.of(source, names, rows);
    }

    /** Clustal: a CLUSTAL header, then blocks of 'name sequence [count]' lines; conservation lines skipped. */
    public static ColumnAlignment parseClustal(String text, String source) throws AlignmentFormatException {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].strip().toUpperCase(Locale.ROOT).startsWith("CLUSTAL")) {
            throw new AlignmentFormatException(source, "missing CLUSTAL header line");
        }
        Map<String, StringBuilder> byName = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) {
                continue;
            }
            String[] parts = line.strip().split("\\s+");
            if (parts.length < 2) {
                throw new AlignmentFormatException(source, "line " + (i + 1) + ": expected 'name sequence'");
            }
            byName.computeIfAbsent(parts[0], k -> new StringBuilder()).append(parts[1]);
        }
        return columns(source, byName);
    }

    private static ColumnAlignment columns(String source, Map<String, StringBuilder> byName) throws AlignmentFormatException {
        List<String> names = new ArrayList<>(byName.keySet());
        List<String> rows = new ArrayList<>();
        for (StringBuilder sb : byName.values()) {
            rows.add(sb.toString());
        }
        return ColumnAlignment.of(source, names, rows);
    }
}
