package io.timelapse.lib.bench;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/** Rows of text under a header, printed with aligned columns for a terminal or as a Markdown table. */
public final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    public Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    /** Adds a row of as many cells as the header has. */
    public Table row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException("a row of " + cells.size() + " cells under a header of " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    public List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** The header and the rows, each column as wide as its widest cell, two spaces apart. */
    public void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (List<String> row : withHeader()) {
            for (int c = 0; c < row.size(); c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        for (List<String> row : withHeader()) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.size(); c++) {
                line.append(c == 0 ? "" : "  ").append(row.get(c)).append(" ".repeat(widths[c] - row.get(c).length()));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** The table in Markdown, a '|' in a cell escaped. */
    public String markdown() {
        StringBuilder text = new StringBuilder();
        markdownRow(text, header);
        markdownRow(text, header.stream().map(cell -> "---").toList());
        rows.forEach(row -> markdownRow(text, row));
        return text.toString();
    }

    private static void markdownRow(StringBuilder text, List<String> cells) {
        text.append('|');
        cells.forEach(cell -> text.append(' ').append(cell.replace("|", "\\|")).append(" |"));
        text.append('\n');
    }

    private List<List<String>> withHeader() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    /** {@code value} to four significant digits, without an exponent: 3.382, 41250, 0.004213. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
