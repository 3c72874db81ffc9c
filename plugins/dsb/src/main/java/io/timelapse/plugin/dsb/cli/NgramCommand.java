package io.timelapse.plugin.dsb.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.compute.ComputeService;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.api.lm.LanguageModel;
import io.timelapse.api.lm.LanguageModels;
import io.timelapse.api.lm.LmConfig;
import io.timelapse.api.lm.WeightFile;
import io.timelapse.api.run.Progress;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.npy.DType;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.plugin.dsb.ngram.BitsPerByte;
import io.timelapse.plugin.dsb.ngram.CheckpointSuite;
import io.timelapse.plugin.dsb.ngram.CheckpointSuite.Checkpoint;
import io.timelapse.plugin.dsb.ngram.ModelScorer;
import io.timelapse.plugin.dsb.ngram.NgramCounter;
import io.timelapse.plugin.dsb.ngram.NgramPlots;
import io.timelapse.plugin.dsb.ngram.NgramSampler;
import io.timelapse.plugin.dsb.ngram.NgramStatistics;
import io.timelapse.plugin.dsb.ngram.NgramTable;
import io.timelapse.plugin.dsb.ngram.TokenOutOfRangeException;
import io.timelapse.plugin.dsb.ngram.data.FirstSequences;
import io.timelapse.plugin.dsb.ngram.data.RealText;
import io.timelapse.plugin.dsb.ngram.data.TokenSequences;
import io.timelapse.plugin.dsb.ngram.data.TrainingRecord;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code timelapse dsb ngram --data PATH [--checkpoints DIR]}: the n-gram probe of a GPT-NeoX checkpoint suite. */
@Command(name = "ngram", mixinStandardHelpOptions = true,
        description = {"Count unigram and bigram statistics of token data, sample n-gram sequences from them, and score every checkpoint of a"
                + " GPT-NeoX suite on them: the mean next-token loss on unigram and bigram sequences (nats/token and bits/byte) and the KL and JS"
                + " divergence between the n-gram conditionals and the model's next-token distribution on real text.",
                "Writes ngram.csv (one row per checkpoint), ngram_loss and ngram_divergence plots (.png, .svg), the statistics as scipy CSR"
                        + " arrays and the sampled sequences. Rerun with the same --out and options to resume: finished checkpoints are kept."})
final class NgramCommand implements PluginCommand {

    private final RunService runs;
    private final LanguageModels models;
    private final TrainingDataProvider provider;
    private final ComputeService compute;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = "Token data to count: an integer .npy (1-D: one token stream; 2-D: rows in training order), a Megatron PREFIX.bin/.idx"
                    + " pair, or a dataset the training-data service reads (pythia-preshuffled).")
    Path data;

    @Option(names = "--checkpoints", paramLabel = "DIR",
            description = "Folder of step<N>/ Hugging Face GPT-NeoX model directories to score. Without it, only the statistics and sequences are written.")
    Path checkpoints;

    @Option(names = "--steps", split = ",", paramLabel = "N",
            description = "Score only the checkpoints at these steps, comma-separated (default: every step<N>/ in --checkpoints).")
    List<Long> steps;

    @Option(names = "--vocabulary", paramLabel = "V",
            description = "Token ids are below V; the statistics are V×V and only the first V logits of a model are used, as the paper does"
                    + " (Pythia: 50277). Default: the vocab_size of the first checkpoint; required without --checkpoints.")
    Integer vocabulary;

    @Option(names = "--through-step", paramLabel = "S",
            description = "Count only the rows a model had trained on by step S: the first S × batch-size rows of the training order of --data.")
    Long throughStep;

    @Option(names = "--batch-size", paramLabel = "B",
            description = "Rows per training step, for --through-step. Default: the record of the run that trained --checkpoints (the run.json"
                    + " of 'lm train' or a training.json); Pythia: 1024.")
    Integer batchSize;

    @Option(names = "--sequences", defaultValue = "4096", paramLabel = "N", description = "Sampled sequences of each order (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--length", defaultValue = "2049", paramLabel = "TOKENS",
            description = "Tokens per sampled sequence; the loss is over positions 1..end, so a model reads length − 1 tokens (default: ${DEFAULT-VALUE}).")
    int length;

    @Option(names = "--real-data", paramLabel = "PATH",
            description = "Real text for the divergences, in any form --data takes (default: --data). Windows of length − 1 tokens are cut from its end.")
    Path realData;

    @Option(names = "--real-sequences", defaultValue = "16", paramLabel = "N", description = "Windows of real text scored (default: ${DEFAULT-VALUE}).")
    int realSequences;

    @Option(names = "--bytes-per-token", defaultValue = "gpt-neox", paramLabel = "VALUE",
            description = "How nats/token become bits/byte: gpt-neox measures the bytes per counted token with the GPT-NeoX-20B tokenizer,"
                    + " pile uses the paper's Pile coefficient 0.3650388, and a number gives the bytes per token (default: ${DEFAULT-VALUE}).")
    String bytesPerToken;

    @Option(names = "--eval-batch", defaultValue = "0", paramLabel = "N",
            description = "Sequences per forward pass; 0 chooses as many as keep the logits under 512 MiB (default: ${DEFAULT-VALUE}).")
    int evalBatch;

    @Inject
    NgramCommand(RunService runs, LanguageModels models, TrainingDataProvider provider, ComputeService compute) {
        this.runs = runs;
        this.models = models;
        this.provider = provider;
        this.compute = compute;
    }

    @Override
    public Integer call() throws Exception {
        checkNumbers();
        List<Checkpoint> suite = suite();
        int vocab = vocabulary(suite);
        DataSources sources = new DataSources(spec, provider);
        Optional<TrainingRecord> record = checkpoints == null || throughStep == null ? Optional.empty() : TrainingRecord.find(checkpoints);
        try (TokenSequences counted = counted(sources, record); TokenSequences real = suite.isEmpty() ? null : real(sources)) {
            PrintWriter out = spec.commandLine().getOut();
            try (Run run = runs.resume(spec, common)) {
                if (run.complete()) {
                    out.println(run.directory() + " is complete: " + run.results().get("checkpoints_scored") + " checkpoints scored; nothing to do");
                    return ExitCode.OK;
                }
                if (!suite.isEmpty()) {
                    run.device(compute.device().summary());
                    run.versions(compute.versions());
                }
                for (Path file : counted.files()) {
                    run.input(file);
                }
                if (record.isPresent()) {
                    run.input(record.get().file());
                }
                NgramStatistics stats = count(run, counted, vocab);
                BitsPerByte bpb = bitsPerByte(stats);
                describe(run, out, counted, stats, bpb);
                int[][] samples = sample(run, stats);
                List<NgramTable.Row> rows = new ArrayList<>(NgramTable.read(run.output(NgramTable.FILE)));
                if (!suite.isEmpty()) {
                    score(run, out, suite, stats, bpb, samples, real, rows);
                }
                run.result("checkpoints_scored", rows.size());
                run.succeeded();
                out.println("n-gram probe → " + run.directory());
            }
        }
        return ExitCode.OK;
    }

    private void checkNumbers() {
        atLeast("--sequences", sequences, 1);
        atLeast("--length", length, 2);
        atLeast("--real-sequences", realSequences, 1);
        atLeast("--eval-batch", evalBatch, 0);
        if (vocabulary != null) {
            atLeast("--vocabulary", vocabulary, 1);
        }
        if (batchSize != null) {
            atLeast("--batch-size", batchSize, 1);
        }
        if (throughStep != null && throughStep < 0) {
            throw new ParameterException(spec.commandLine(), "--through-step " + throughStep + ": must be ≥ 0");
        }
        if ((long) sequences * length > Integer.MAX_VALUE) {
            throw new ParameterException(spec.commandLine(), "--sequences " + sequences + " --length " + length + ": more than 2^31 tokens");
        }
        if (steps != null && checkpoints == null) {
            throw new ParameterException(spec.commandLine(), "--steps selects checkpoints: give --checkpoints too");
        }
        if (!bytesPerToken.equals("gpt-neox") && !bytesPerToken.equals("pile")) {
            double value;
            try {
                value = Double.parseDouble(bytesPerToken);
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--bytes-per-token " + bytesPerToken + ": expected gpt-neox, pile or a positive number");
            }
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new ParameterException(spec.commandLine(), "--bytes-per-token " + bytesPerToken + ": must be a positive number");
            }
        }
    }

    private void atLeast(String option, long value, long least) {
        if (value < least) {
            throw new ParameterException(spec.commandLine(), option + " " + value + ": must be ≥ " + least);
        }
    }

    /** The checkpoints to score, each config read, before any run starts. */
    private List<Checkpoint> suite() {
        if (checkpoints == null) {
            return List.of();
        }
        List<Checkpoint> suite;
        try {
            suite = CheckpointSuite.scan(checkpoints);
            if (steps != null) {
                suite = CheckpointSuite.select(suite, new LinkedHashSet<>(steps));
            }
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--checkpoints " + e.getMessage(), e);
        }
        for (Checkpoint c : suite) {
            LmConfig config = config(c);
            if (length - 1 > config.maxPositions()) {
                throw new ParameterException(spec.commandLine(), "--length " + length + ": the model at " + c.directory() + " reads at most "
                        + config.maxPositions() + " tokens, so sequences can be at most " + (config.maxPositions() + 1) + " long");
            }
            if (vocabulary != null && config.vocabSize() < vocabulary) {
                throw new ParameterException(spec.commandLine(), "--vocabulary " + vocabulary + ": the model at " + c.directory() + " predicts only "
                        + config.vocabSize() + " token ids");
            }
        }
        return suite;
    }

    private LmConfig config(Checkpoint c) {
        try {
            return models.readConfig(c.directory().resolve("config.json"));
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--checkpoints " + e.getMessage(), e);
        }
    }

    private int vocabulary(List<Checkpoint> suite) {
        if (vocabulary != null) {
            return vocabulary;
        }
        if (suite.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--vocabulary is needed without --checkpoints (Pythia's tokenizer: 50277)");
        }
        return config(suite.get(0)).vocabSize();
    }

    /** The data whose pairs are counted: all of --data, or with --through-step the rows trained by that step. */
    private TokenSequences counted(DataSources sources, Optional<TrainingRecord> record) throws IOException {
        if (throughStep == null) {
            return nonEmpty(sources.open("--data", data, 1), "--data " + data);
        }
        int batch = batch(record);
        TokenSequences rows = sources.openRows("--data", data, batch);
        long wanted;
        try {
            wanted = Math.multiplyExact(throughStep, batch);
        } catch (ArithmeticException e) {
            wanted = Long.MAX_VALUE;
        }
        if (wanted > rows.count()) {
            rows.close();
            throw new ParameterException(spec.commandLine(), "--through-step " + throughStep + ": with batch size " + batch + " that is "
                    + wanted + " rows, but --data " + data + " holds " + rows.count() + " (" + rows.count() / batch + " steps)");
        }
        return nonEmpty(new FirstSequences(rows, wanted), "--through-step " + throughStep);
    }

    private TokenSequences nonEmpty(TokenSequences counted, String given) throws IOException {
        if (counted.pairCount() == 0) {
            counted.close();
            throw new ParameterException(spec.commandLine(), given + ": no pair of consecutive tokens to count");
        }
        return counted;
    }

    private int batch(Optional<TrainingRecord> record) {
        if (record.isPresent()) {
            int recorded = record.get().batchSize();
            if (batchSize != null && batchSize != recorded) {
                throw new ParameterException(spec.commandLine(), "--batch-size " + batchSize + ": the checkpoints were trained with batch size "
                        + recorded + " (" + record.get().file() + "); leave --batch-size out");
            }
            return recorded;
        }
        if (batchSize == null) {
            throw new ParameterException(spec.commandLine(), "--through-step needs --batch-size: no training record (run.json of 'lm train' or"
                    + " training.json) says what the checkpoints were trained with");
        }
        return batchSize;
    }

    private TokenSequences real(DataSources sources) throws IOException {
        String option = realData == null ? "--data" : "--real-data";
        TokenSequences text = sources.open(option, realData == null ? data : realData, 1);
        long found = RealText.available(text, length - 1, realSequences);
        if (found < realSequences) {
            text.close();
            throw new ParameterException(spec.commandLine(), option + " " + (realData == null ? data : realData) + ": holds only " + found
                    + " windows of " + (length - 1) + " tokens, --real-sequences asks for " + realSequences);
        }
        return text;
    }

    private NgramStatistics count(Run run, TokenSequences counted, int vocab) throws IOException {
        NgramCounter counter = new NgramCounter(vocab);
        int[] buffer = new int[counted.maxLength()];
        try (Progress progress = run.progress("count pairs", counted.count())) {
            for (long i = 0; i < counted.count(); i++) {
                int n = counted.length(i);
                counted.read(i, buffer);
                try {
                    counter.add(buffer, n);
                } catch (TokenOutOfRangeException e) {
                    throw new IOException(counted.describe() + ": sequence " + i + ", position " + e.position() + ": token id " + e.token()
                            + " is not below the vocabulary size " + vocab + (vocabulary == null ? " (the model's vocab_size)" : " (--vocabulary)"), e);
                }
                progress.step();
            }
        }
        NgramStatistics stats = counter.statistics();
        if (stats.total() == 0) {
            throw new IOException(counted.describe() + ": holds no pair of consecutive tokens to count");
        }
        Npy.writeLongs(run.output("unigram_counts.npy"), stats.unigramCounts(), stats.vocabulary());
        Npy.writeLongs(run.output("bigram_indptr.npy"), stats.rowStarts(), stats.vocabulary() + 1L);
        Npy.writeInts(run.output("bigram_indices.npy"), DType.INT32, stats.nextTokens(), stats.nonZeros());
        Npy.writeLongs(run.output("bigram_data.npy"), stats.pairCounts(), stats.nonZeros());
        return stats;
    }

    private BitsPerByte bitsPerByte(NgramStatistics stats) throws IOException {
        return switch (bytesPerToken) {
            case "pile" -> BitsPerByte.pile();
            case "gpt-neox" -> {
                try {
                    double measured = BitsPerByte.bytesPerToken(stats, GptNeoXTokenizer.load());
                    yield BitsPerByte.ofBytesPerToken(measured, String.format(Locale.ROOT, "%.4f bytes/token, measured with the GPT-NeoX-20B tokenizer", measured));
                } catch (IllegalArgumentException e) {
                    throw new IOException("--bytes-per-token gpt-neox: " + e.getMessage() + "; give the bytes per token as a number", e);
                }
            }
            default -> BitsPerByte.ofBytesPerToken(Double.parseDouble(bytesPerToken), bytesPerToken + " bytes/token (--bytes-per-token)");
        };
    }

    private void describe(Run run, PrintWriter out, TokenSequences counted, NgramStatistics stats, BitsPerByte bpb) {
        double h1 = stats.unigramEntropy();
        double h2 = stats.bigramEntropyRate();
        out.printf(Locale.ROOT, "counted %d pairs of %s: %d distinct, vocabulary %d%n", stats.total(), counted.describe(), stats.nonZeros(),
                stats.vocabulary());
        out.printf(Locale.ROOT, "entropy: unigram %.4f nats/token (%.4f bits/byte), bigram rate %.4f nats/token (%.4f bits/byte); %s%n", h1,
                bpb.bitsPerByte(h1), h2, bpb.bitsPerByte(h2), bpb.source());
        run.result("counted", counted.describe());
        run.result("pairs", stats.total());
        run.result("distinct_pairs", stats.nonZeros());
        run.result("vocabulary", stats.vocabulary());
        run.result("bits_per_byte_coefficient", bpb.coefficient());
        run.result("bits_per_byte_from", bpb.source());
        run.result("unigram_entropy_nats", h1);
        run.result("bigram_entropy_rate_nats", h2);
        run.result("unigram_entropy_bpb", bpb.bitsPerByte(h1));
        run.result("bigram_entropy_rate_bpb", bpb.bitsPerByte(h2));
    }

    /** Unigram and bigram sequences, seeded with --seed and --seed + 1. */
    private int[][] sample(Run run, NgramStatistics stats) throws IOException {
        NgramSampler sampler = new NgramSampler(stats);
        int[][] samples = new int[2][];
        try (Progress progress = run.progress("sample", 2)) {
            int k = 0;
            for (NgramSampler.Order order : NgramSampler.Order.values()) {
                samples[k] = sampler.sample(order, sequences, length, common.seed() + k);
                NpyArray array = NpyArray.ofInts(samples[k], sequences, length);
                run.write(order.name().toLowerCase(Locale.ROOT) + "_sequences.npy", stream -> Npy.write(stream, array));
                progress.step();
                k++;
            }
        }
        return samples;
    }

    private void score(Run run, PrintWriter out, List<Checkpoint> suite, NgramStatistics stats, BitsPerByte bpb, int[][] samples,
                       TokenSequences real, List<NgramTable.Row> rows) throws IOException {
        for (Path file : real.files()) {
            run.input(file);
        }
        int width = length - 1;
        int[] windows = RealText.windows(real, realSequences, width);
        Set<Long> done = new LinkedHashSet<>();
        rows.forEach(r -> done.add(r.step()));
        if (!done.isEmpty()) {
            out.println("resumed: " + done.size() + " checkpoint(s) already scored " + done);
        }
        for (Checkpoint c : suite) {
            if (done.contains(c.step())) {
                continue;
            }
            run.input(c.directory().resolve("config.json"));
            try (LanguageModel lm = models.load(c.directory());
                 Progress progress = run.progress("step " + c.step(), 2L * sequences + realSequences)) {
                for (WeightFile file : lm.weightFiles()) {
                    run.input(file.path());
                }
                lm.warnings().forEach(w -> out.println("warning: " + w));
                ModelScorer scorer = new ModelScorer(lm, stats.vocabulary(), evalBatch > 0 ? evalBatch : autoBatch(lm.config()));
                double unigram = scorer.meanLoss(samples[0], sequences, length, progress);
                double bigram = scorer.meanLoss(samples[1], sequences, length, progress);
                ModelScorer.Divergence d = scorer.divergences(stats, windows, realSequences, width, progress);
                rows.add(new NgramTable.Row(c.step(), unigram, bigram, bpb.bitsPerByte(unigram), bpb.bitsPerByte(bigram), d.unigramKl(),
                        d.unigramJs(), d.bigramKl(), d.bigramJs()));
            }
            String table = NgramTable.format(rows);
            run.write(NgramTable.FILE, stream -> stream.write(table.getBytes(StandardCharsets.UTF_8)));
            NgramTable.Row last = rows.get(rows.size() - 1);
            out.printf(Locale.ROOT, "step %d: loss unigram %.4f, bigram %.4f nats/token; KL unigram %.4f, bigram %.4f nats%n", c.step(),
                    last.unigramLoss(), last.bigramLoss(), last.unigramKl(), last.bigramKl());
        }
        List<NgramTable.Row> sorted = NgramTable.read(run.output(NgramTable.FILE));
        NgramPlots.write(run.directory(), sorted, bpb.bitsPerByte(stats.unigramEntropy()), bpb.bitsPerByte(stats.bigramEntropyRate()));
    }

    /** As many sequences as keep one forward's logits under 512 MiB. */
    private int autoBatch(LmConfig config) {
        long perSequence = 4L * length * config.vocabSize();
        return (int) Math.max(1, Math.min(64, (512L << 20) / perSequence));
    }
}
