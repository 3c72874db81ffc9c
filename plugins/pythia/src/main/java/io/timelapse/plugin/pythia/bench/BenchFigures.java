package io.timelapse.plugin.pythia.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.timelapse.lib.bench.BenchReport;
import io.timelapse.lib.bench.Metric;
import io.timelapse.lib.bench.Spread;
import io.timelapse.lib.bench.Table;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The figures of {@code bench pythia} as {@link Metric}s of a {@link BenchReport}: each read in milliseconds
 * ({@code reads_<corpus>_<way>_<mode>}) and each index map in seconds ({@code index_map_<map>}), beside numpy's, and
 * the new arrays of each read into new arrays allocated alone ({@code alloc_only_<way>}), beside numpy's whole read.
 */
public final class BenchFigures {

    /** The reference's name in the report's keys. */
    public static final String NUMPY = "numpy";
    private static final List<String> MODES = List.of("warm", "cold");
    private static final List<String> MAPS = List.of("doc_idx", "sample_idx", "shuffle_idx", "total");

    private BenchFigures() {}

    /** Adds the reads of every corpus and way that was timed, warm then cold, each beside numpy's same read where it ran. */
    public static void reads(BenchReport report, List<ReadBench.Corpus> corpora, Map<String, Spread> ours, NumpyReference.Result numpy) {
        for (String mode : MODES) {
            for (ReadBench.Corpus corpus : corpora) {
                for (ReadWay way : corpus.ways()) {
                    Spread mine = ours.get(ReadBench.key(corpus, way, mode));
                    if (mine == null) {
                        continue;
                    }
                    Metric metric = Metric.time("reads_" + corpus.name() + "_" + way.key() + "_" + mode, "ms", mine);
                    Spread theirs = numpyRead(numpy, corpus.name().startsWith("uint16") ? "uint16" : "int32", way, mode);
                    report.add(theirs == null ? metric : metric.against(NUMPY, theirs));
                }
            }
        }
        for (ReadWay way : ReadWay.values()) {
            Spread allocation = ours.get(ReadBench.allocationKey(way));
            if (allocation != null) {
                Metric metric = Metric.time("alloc_only_" + way.key(), "ms", allocation);
                Spread theirs = numpyRead(numpy, "uint16", way, "warm");
                report.add(theirs == null ? metric : metric.against(NUMPY, theirs));
            }
        }
    }

    /** numpy's timings of the read {@code way} is compared with, on its corpus of that name, or null where it did not run. */
    private static Spread numpyRead(NumpyReference.Result numpy, String corpus, ReadWay way, String mode) {
        return numpy.reads().get(corpus + "/" + way.reference().key() + "/" + mode);
    }

    /** Adds the index-map build, each map timed once on each side, and whether both sides built the same maps. */
    public static void indexMap(BenchReport report, IndexMapBench.Timings ours, NumpyReference.Result numpy, int documents) {
        report.note("index_map_documents", documents).note("index_map_samples", ours.samples()).note("index_map_epochs", ours.epochs());
        JsonNode theirs = numpy.indexMap();
        if (theirs != null) {
            int mismatches = ours.mismatches(theirs.path("probes"));
            report.note("index_map_matches_numpy", mismatches == 0);
            if (mismatches > 0) {
                report.note("index_map_mismatches", mismatches);
            }
        }
        for (String map : MAPS) {
            double mine = switch (map) {
                case "doc_idx" -> ours.docIdxSeconds();
                case "sample_idx" -> ours.sampleIdxSeconds();
                case "shuffle_idx" -> ours.shuffleIdxSeconds();
                default -> ours.totalSeconds();
            };
            Metric metric = Metric.time("index_map_" + map, "s", Spread.single(mine));
            report.add(theirs == null ? metric : metric.against(NUMPY, Spread.single(theirs.path(map + "_s").asDouble())));
        }
    }

    /** Prints what each way of reading calls, and the numpy read it is compared with. */
    public static void printWays(PrintWriter out) {
        Table table = new Table(List.of("way", "Timelapse", NUMPY));
        for (ReadWay way : ReadWay.values()) {
            table.row(List.of(way.key(), way.description(), way.reference().code()));
        }
        out.println();
        table.print(out);
    }
}
