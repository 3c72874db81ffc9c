package io.timelapse.plugin.pythia.bench;

import io.timelapse.api.run.Run;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of {@code bench pythia}: printed as they come, the reads as one table, and every figure kept for
 * {@code run.json}, ratios under keys ending in {@code _speedup_vs_numpy}.
 */
public final class BenchReport {

    private static final List<String> MODES = List.of("warm", "cold");

    private final PrintWriter out;
    private final Map<String, Object> results = new LinkedHashMap<>();
    private NumpyReference.Result numpy;

    public BenchReport(PrintWriter out) {
        this.out = out;
    }

    /** Records a figure and prints it as {@code key: value}. */
    public void put(String key, Object value) {
        Object kept = value instanceof Double number ? round(number) : value;
        results.put(key, kept);
        out.printf(Locale.ROOT, "%s: %s%n", key, kept);
        out.flush();
    }

    private void keep(String key, Object value) {
        results.put(key, value instanceof Double number ? round(number) : value);
    }

    public void reference(NumpyReference.Result result) {
        this.numpy = result;
        put("numpy", result.available() ? result.version() : result.problem());
    }

    /** The read timings of every corpus and way beside numpy's, with their ratios. */
    public void reads(List<ReadBench.Corpus> corpora, Map<String, Spread> ours, int batch, int rowLength, String whyNoCold) {
        out.printf(Locale.ROOT, "%nreads of %d rows x %d tokens, milliseconds min / median / max; ratio = numpy median / Timelapse median%n",
                batch, rowLength);
        out.printf(Locale.ROOT, "%-14s %-52s %-5s %-26s %-26s %-12s %s%n", "corpus", "way", "mode", "Timelapse", "numpy", "numpy read", "ratio");
        for (String mode : MODES) {
            for (ReadBench.Corpus corpus : corpora) {
                for (ReadWay way : corpus.ways()) {
                    Spread mine = ours.get(ReadBench.key(corpus, way, mode));
                    if (mine == null) {
                        continue;
                    }
                    String prefix = "reads_" + corpus.name() + "_" + way.key() + "_" + mode;
                    spread(prefix + "_ms", mine);
                    String numpyCorpus = corpus.name().startsWith("uint16") ? "uint16" : "int32";
                    Spread theirs = numpy == null ? null : numpy.reads().get(numpyCorpus + "/" + way.reference().key() + "/" + mode);
                    String ratio = "";
                    if (theirs != null) {
                        spread("numpy_" + numpyCorpus + "_" + way.reference().key() + "_" + mode + "_ms", theirs);
                        double speedup = theirs.median() / mine.median();
                        keep(prefix + "_speedup_vs_numpy", speedup);
                        ratio = String.format(Locale.ROOT, "%.2f", speedup);
                    }
                    out.printf(Locale.ROOT, "%-14s %-52s %-5s %-26s %-26s %-12s %s%n", corpus.name(), way.description(), mode, mine,
                            theirs == null ? "-" : theirs, way.reference().key(), ratio);
                }
            }
        }
        if (whyNoCold != null) {
            put("reads_cold", "not measured: " + whyNoCold);
        }
        out.println();
        out.flush();
    }

    /** The index-map build beside numpy's, and whether both built the same maps. */
    public void indexMap(IndexMapBench.Timings ours, int documents) {
        put("index_map_documents", documents);
        put("index_map_samples", ours.samples());
        put("index_map_epochs", ours.epochs());
        put("index_map_doc_idx_s", ours.docIdxSeconds());
        put("index_map_sample_idx_s", ours.sampleIdxSeconds());
        put("index_map_shuffle_idx_s", ours.shuffleIdxSeconds());
        put("index_map_total_s", ours.totalSeconds());
        if (numpy == null || numpy.indexMap() == null) {
            return;
        }
        var theirs = numpy.indexMap();
        int mismatches = ours.mismatches(theirs.path("probes"));
        put("index_map_matches_numpy", mismatches == 0);
        if (mismatches > 0) {
            put("index_map_mismatches", mismatches);
        }
        for (String part : List.of("doc_idx", "sample_idx", "shuffle_idx", "total")) {
            double seconds = theirs.path(part + "_s").asDouble();
            put("numpy_index_map_" + part + "_s", seconds);
            double mine = switch (part) {
                case "doc_idx" -> ours.docIdxSeconds();
                case "sample_idx" -> ours.sampleIdxSeconds();
                case "shuffle_idx" -> ours.shuffleIdxSeconds();
                default -> ours.totalSeconds();
            };
            put("index_map_" + part + "_speedup_vs_numpy", seconds / mine);
        }
    }

    private void spread(String prefix, Spread spread) {
        keep(prefix + "_min", spread.min());
        keep(prefix + "_median", spread.median());
        keep(prefix + "_max", spread.max());
    }

    /** Hands every figure to the run's {@code run.json}. */
    public void finish(Run run) {
        results.forEach(run::result);
        out.flush();
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
