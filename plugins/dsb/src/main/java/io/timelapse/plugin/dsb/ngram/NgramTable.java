package io.timelapse.plugin.dsb.ngram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The n-gram probe's results, one CSV row per checkpoint: losses in nats/token and bits/byte, divergences in nats.
 * A run rewrites the whole file after each checkpoint, so a resumed run reads the rows it already has.
 */
public final class NgramTable {

    public static final String FILE = "ngram.csv";
    static final String HEADER = "step,unigram_loss,bigram_loss,unigram_loss_bpb,bigram_loss_bpb,unigram_kl,unigram_js,bigram_kl,bigram_js";

    /** One checkpoint's row. */
    public record Row(long step, double unigramLoss, double bigramLoss, double unigramBitsPerByte, double bigramBitsPerByte, double unigramKl,
                      double unigramJs, double bigramKl, double bigramJs) {

        String csv() {
            return String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g,%.17g", step, unigramLoss, bigramLoss,
                    unigramBitsPerByte, bigramBitsPerByte, unigramKl, unigramJs, bigramKl, bigramJs);
        }
    }

    private NgramTable() {}

    /** The rows of an earlier run's table; none when there is no table. */
    public static List<Row> read(Path file) throws IOException {
        List<Row> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + ": not an n-gram results table (its first line is not '" + HEADER + "')");
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 9) {
                throw new IOException(file + ": line " + (i + 1) + " has " + f.length + " fields, expected 9");
            }
            double[] v = new double[8];
            for (int k = 0; k < 8; k++) {
                v[k] = Double.parseDouble(f[k + 1]);
            }
            rows.add(new Row(Long.parseLong(f[0]), v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
        }
        return rows;
    }

    /** The CSV text of {@code rows}, in step order. */
    public static String format(List<Row> rows) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        rows.stream().sorted(Comparator.comparingLong(Row::step)).forEach(r -> out.append(r.csv()).append('\n'));
        return out.toString();
    }
}
