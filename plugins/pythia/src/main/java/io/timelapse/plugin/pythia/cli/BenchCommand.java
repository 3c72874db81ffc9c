package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.bench.BenchReport;
import io.timelapse.plugin.pythia.bench.BenchFigures;
import io.timelapse.plugin.pythia.bench.IndexMapBench;
import io.timelapse.plugin.pythia.bench.NumpyReference;
import io.timelapse.plugin.pythia.bench.PageCache;
import io.timelapse.plugin.pythia.bench.ReadBench;
import io.timelapse.plugin.pythia.bench.ReadWay;
import io.timelapse.plugin.pythia.bench.Schedule;
import io.timelapse.plugin.pythia.bench.SyntheticCorpus;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import io.timelapse.plugin.pythia.service.PreshuffledTrainingData;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse bench pythia}: every way of reading batches through the training-data service, and the index-map
 * build at Pythia's scale, side by side with numpy in the same run, on data the command writes itself.
 */
@Command(name = "pythia", mixinStandardHelpOptions = true,
        description = {"Time batch reads through the training-data service and the index-map build at Pythia's scale against"
                + " numpy in the same run.",
                "The command writes a synthetic pre-shuffled corpus (uint16 whole, uint16 in shards cut at an odd byte offset, and"
                        + " int32) and a Pythia-sized .idx into a temporary folder under --work-dir, deletes them at the end, and"
                        + " prints the machine, the load average before and after, the least, median and greatest milliseconds"
                        + " of each read and numpy's with their speedup (numpy's median over ours), the same of the new"
                        + " arrays of each read into new arrays allocated alone (alloc_only_<way>, the floor under its"
                        + " time), and the seconds of each index map and numpy's."
                        + " With the defaults it writes about 4.7 GB and takes about two minutes on two cores, --cold"
                        + " included."})
@DefaultSeed(RouteOptions.DEFAULT_SEED)
final class BenchCommand implements PluginCommand {

    static final List<String> PARTS = List.of("reads", "index-map");
    /** Timed passes over the warm reads before they are timed, for the JIT. */
    static final int WARMUP = 3;

    private final ComputeService compute;
    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--parts", defaultValue = "reads,index-map", split = ",", paramLabel = "PART",
            description = "What to measure, comma-separated: reads (batches through the training-data service) and index-map"
                    + " (doc_idx, sample_idx and shuffle_idx) (default: ${DEFAULT-VALUE}).")
    List<String> parts;

    @Option(names = "--rows", defaultValue = "131072", paramLabel = "N",
            description = "Rows in each synthetic corpus (default: ${DEFAULT-VALUE}, 128 batches: 537 MB of uint16, as much again"
                    + " in shards, and 1.07 GB of int32 with the default --seq-length).")
    long rows;

    @Option(names = "--seq-length", defaultValue = "2048", paramLabel = "N",
            description = "Tokens per sample; a row holds one more (default: ${DEFAULT-VALUE}, Pythia's).")
    int seqLength;

    @Option(names = "--batch-size", defaultValue = "1024", paramLabel = "N",
            description = "Rows per read (default: ${DEFAULT-VALUE}, Pythia's batch).")
    int batchSize;

    @Option(names = "--repeats", defaultValue = "20", paramLabel = "N",
            description = "Timed warm reads of each way of reading (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--cold", description = "Also time reads from a cold page cache. This drops the page cache of the whole"
            + " machine before each round (it needs root; without it the cold reads are reported as not measured, with the reason).")
    boolean cold;

    @Option(names = "--cold-repeats", defaultValue = "5", paramLabel = "N",
            description = "Cold rounds with --cold, each reading every way once on rows no earlier read touched (default: ${DEFAULT-VALUE}).")
    int coldRepeats;

    @Option(names = "--documents", defaultValue = "210000000", paramLabel = "N",
            description = "Documents of the index-map corpus, of 1 to 3160 tokens each (default: ${DEFAULT-VALUE}, about the Pile's).")
    int documents;

    @Option(names = "--samples", defaultValue = "147164160", paramLabel = "N",
            description = "Training samples the index maps are built for (default: ${DEFAULT-VALUE}, Pythia's 143,000 steps of 1029).")
    long samples;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where the temporary corpus is written (default: the system's temporary folder).")
    Path workDir;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "EXE",
            description = "The Python with numpy that runs the reference (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--no-numpy", description = "Measure Timelapse only, without the numpy reference.")
    boolean noNumpy;

    @Inject
    BenchCommand(ComputeService compute, RunService runs) {
        this.compute = compute;
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        Set<String> chosen = checkOptions();
        Path dirParent = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
        String device = compute.device().summary();
        try (Run run = runs.start(spec, common)) {
            run.versions(compute.versions());
            BenchReport report = new BenchReport(device);
            String whyNoCold = cold ? PageCache.whyNotDroppable() : "not asked for (--cold)";
            int coldRounds = whyNoCold == null ? coldRepeats : 0;
            Path dir = Files.createTempDirectory(dirParent, "timelapse-bench-pythia-");
            try {
                measure(chosen, dir, coldRounds, whyNoCold, report);
            } finally {
                deleteTree(dir);
            }
            PrintWriter out = spec.commandLine().getOut();
            report.finish(run, out);
            if (chosen.contains("reads")) {
                BenchFigures.printWays(out);
            }
            run.succeeded();
        }
        return ExitCode.OK;
    }

    private void measure(Set<String> chosen, Path dir, int coldRounds, String whyNoCold, BenchReport report)
            throws IOException, InterruptedException {
        int rowLength = seqLength + 1;
        List<ReadWay> all = List.of(ReadWay.values());
        List<ReadWay> wide = Arrays.stream(ReadWay.values()).filter(way -> !way.uint16Only()).toList();
        Map<String, List<ReadWay>> ways = new LinkedHashMap<>();
        ways.put("uint16", all);
        ways.put("uint16_shards", all);
        ways.put("int32", wide);
        Schedule schedule = Schedule.of(rows, batchSize, ways, coldRounds, repeats, common.seed());
        NumpyReference numpy = new NumpyReference(batchSize, rowLength, coldRounds, WARMUP);
        SyntheticCorpus.Corpora corpora = null;
        if (chosen.contains("reads")) {
            corpora = SyntheticCorpus.write(dir, rows, rowLength, common.seed());
            numpy.reads(new NumpyReference.Source("uint16", binOf(corpora.uint16()), "uint16", "uint16", all), schedule)
                    .reads(new NumpyReference.Source("int32", binOf(corpora.int32()), "int32", "int32", wide), schedule);
        }
        Path idx = null;
        if (chosen.contains("index-map")) {
            idx = SyntheticCorpus.writeIndexMapIndex(dir, documents, common.seed());
            numpy.indexMap(idx, seqLength, samples, common.seed());
        }
        NumpyReference.Result reference = noNumpy ? new NumpyReference.Result(null, Map.of(), null, "--no-numpy was given")
                : numpy.run(python, dir);
        if (reference.available()) {
            report.note("numpy_version", reference.version());
        } else {
            report.referenceMissing(BenchFigures.NUMPY, reference.problem());
        }
        if (corpora != null) {
            List<ReadBench.Corpus> opened = List.of(
                    open("uint16", corpora.uint16(), all),
                    open("uint16_shards", corpora.uint16FirstShard(), all),
                    open("int32", corpora.int32(), wide));
            report.note("reads_batch_rows", batchSize).note("reads_row_tokens", rowLength);
            if (whyNoCold != null) {
                report.note("reads_cold", "not measured: " + whyNoCold);
            }
            ReadBench bench = new ReadBench(batchSize, rowLength);
            BenchFigures.reads(report, opened, bench.run(opened, schedule, coldRounds, WARMUP), reference);
        }
        if (idx != null) {
            BenchFigures.indexMap(report, IndexMapBench.run(idx, seqLength, samples, common.seed()), reference, documents);
        }
    }

    private ReadBench.Corpus open(String name, Path path, List<ReadWay> ways) throws IOException {
        return new ReadBench.Corpus(name, new PreshuffledTrainingData(path, PreshuffledDataset.open(path), batchSize), ways);
    }

    private static Path binOf(Path prefix) {
        return prefix.resolveSibling(prefix.getFileName() + ".bin");
    }

    private Set<String> checkOptions() {
        Set<String> chosen = new LinkedHashSet<>();
        for (String part : parts) {
            if (!PARTS.contains(part.trim())) {
                throw usage("--parts " + String.join(",", parts) + ": unknown part '" + part.trim() + "'; the parts are "
                        + String.join(", ", PARTS));
            }
            chosen.add(part.trim());
        }
        positive("--seq-length", seqLength);
        positive("--batch-size", batchSize);
        positive("--repeats", repeats);
        positive("--cold-repeats", coldRepeats);
        positive("--documents", documents);
        positive("--samples", samples);
        if ((long) batchSize * (seqLength + 1) > Integer.MAX_VALUE - 8) {
            throw usage("--batch-size " + batchSize + ": a batch of " + batchSize + " rows of " + (seqLength + 1)
                    + " tokens does not fit a Java array");
        }
        if (rows < batchSize || rows > Integer.MAX_VALUE - 8) {
            throw usage("--rows " + rows + ": must be between --batch-size (" + batchSize + ") and " + (Integer.MAX_VALUE - 8));
        }
        long steps = rows / batchSize;
        long needed = Schedule.coldStepsNeeded(List.of(ReadWay.values()), coldRepeats);
        if (chosen.contains("reads") && cold && steps < needed) {
            throw usage("--rows " + rows + ": --cold with --cold-repeats " + coldRepeats + " reads " + needed
                    + " batches no other read touched, so it needs at least " + needed * batchSize + " rows");
        }
        Path dir = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw usage("--work-dir " + dir + ": not a writable folder");
        }
        long bytes = SyntheticCorpus.bytes(chosen.contains("reads") ? rows : 0, seqLength + 1, chosen.contains("index-map") ? documents : 0);
        long free = dir.toFile().getUsableSpace();
        if (free < bytes) {
            throw usage(String.format(Locale.ROOT, "--work-dir %s: the corpus takes %.2f GB, only %.2f GB are free there", dir,
                    bytes / 1e9, free / 1e9));
        }
        return chosen;
    }

    private void positive(String option, long value) {
        if (value < 1) {
            throw usage(option + " " + value + ": must be at least 1");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
