package io.timelapse.plugin.pythia.cli;

import io.timelapse.api.cli.CommonOptions;
import io.timelapse.api.cli.DefaultSeed;
import io.timelapse.api.cli.ExitCode;
import io.timelapse.api.cli.PluginCommand;
import io.timelapse.api.run.Run;
import io.timelapse.api.run.RunService;
import io.timelapse.lib.tokenizer.ByteLevelBpeTokenizer;
import io.timelapse.lib.tokenizer.GptNeoXTokenizer;
import io.timelapse.plugin.pythia.dataset.BlendRoute;
import io.timelapse.plugin.pythia.dataset.BlendedDataset;
import io.timelapse.plugin.pythia.dataset.GptDataset;
import io.timelapse.plugin.pythia.dataset.Split;
import io.timelapse.plugin.pythia.demo.DemoCorpus;
import io.timelapse.plugin.pythia.indexmap.IndexMapFiles;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.tokens.megatron.MMapIndexedDatasetWriter;
import io.timelapse.lib.tokens.megatron.TokenType;
import io.timelapse.plugin.pythia.preshuffled.PreshuffledDataset;
import io.timelapse.plugin.pythia.preshuffled.Sharder;
import io.timelapse.plugin.pythia.preshuffled.Unsharder;
import io.timelapse.plugin.pythia.provenance.DocumentSpan;
import io.timelapse.plugin.pythia.provenance.Provenance;
import io.timelapse.plugin.pythia.provenance.RowOrigin;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code timelapse pythia demo}: the whole pipeline on the corpus bundled in the plugin, the way
 * Pythia's data was made and ordered, in a few seconds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show the whole pipeline on a small corpus bundled with the plugin, in a few seconds.",
                "It tokenizes the corpus, builds gpt-neox index maps for a two-corpus blend with --seed, shows batches and a row's source"
                        + " documents, and round-trips a sharded pre-shuffled copy; everything is written to the run directory."})
@DefaultSeed(RouteOptions.DEFAULT_SEED)
final class DemoCommand implements PluginCommand {

    static final int SEQ_LENGTH = 32;
    static final int BATCH = 8;
    static final int TRAIN_ITERS = 25;
    static final double[] WEIGHTS = {0.5, 0.5};
    static final int TOKENS_SHOWN = 12;
    static final long LOCATED_ROW = 13;
    static final int READ_BACK_STEP = 3;
    static final long SHARD_BYTES = 5000;

    private final RunService runs;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Inject
    DemoCommand(RunService runs) {
        this.runs = runs;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long seed = NumpySeeds.check(spec, common.seed());
        try (Run run = runs.start(spec, common)) {
            ByteLevelBpeTokenizer tokenizer = GptNeoXTokenizer.load();
            List<MMapIndexedDataset> corpora = writeCorpora(out, tokenizer, run.directory().resolve("corpus"));
            BlendedDataset blend = buildIndexMaps(out, corpora, seed, run.directory().resolve("indexmaps"));
            showBatches(out, tokenizer, blend);
            showProvenance(out, tokenizer, blend);
            String sha256 = preshuffledRoundTrip(out, blend, run.directory().resolve("preshuffled"));
            run.result("rows", (long) TRAIN_ITERS * BATCH);
            run.result("preshuffled_sha256", sha256);
            run.succeeded();
            out.println();
            out.println("Everything above is in " + run.directory());
        }
        return ExitCode.OK;
    }

    private static List<MMapIndexedDataset> writeCorpora(PrintWriter out, ByteLevelBpeTokenizer tokenizer, Path dir) throws Exception {
        Files.createDirectories(dir);
        out.println("1. The bundled corpus, tokenized with GPT-NeoX-20B (Pythia's tokenizer), <|endoftext|> (id 0) after each"
                + " document, written as Megatron .idx/.bin:");
        List<MMapIndexedDataset> corpora = new ArrayList<>();
        for (DemoCorpus.Source source : DemoCorpus.load()) {
            MMapIndexedDataset data = DemoCorpus.write(source, tokenizer, dir.resolve(source.name()));
            corpora.add(data);
            out.printf("   %-9s %3d documents, %5d tokens (%s) -> corpus/%s.{idx,bin}%n", source.name() + ":", data.itemCount(),
                    data.index().tokenCount(), data.type().name().toLowerCase(), source.name());
        }
        return corpora;
    }

    private static BlendedDataset buildIndexMaps(PrintWriter out, List<MMapIndexedDataset> corpora, long seed, Path dir) throws Exception {
        Files.createDirectories(dir);
        long samples = (long) TRAIN_ITERS * BATCH;
        out.println();
        out.println("2. gpt-neox v1.0 index maps for a blend, as Pythia's were built (--train-data-paths proverbs notes"
                + " --train-data-weights 0.5 0.5");
        out.println("   --seq-length " + SEQ_LENGTH + " --train-iters " + TRAIN_ITERS + " --global-batch-size " + BATCH + " --seed " + seed
                + "): " + samples + " training rows, each dataset asked for its share × 1.005:");
        BlendedDataset blend = BlendRoute.open(corpora, WEIGHTS, Split.TRAIN, samples, SEQ_LENGTH, seed, IndexMapStore.in(dir));
        long[] requested = BlendRoute.samplesPerDataset(WEIGHTS, samples);
        for (int i = 0; i < blend.datasets().size(); i++) {
            GptDataset gpt = blend.datasets().get(i);
            int epochs = gpt.maps().docIdx().length / Math.toIntExact(gpt.data().itemCount());
            out.printf("   %s (%s): %d samples requested, %d epochs shuffled together, %d samples in sample_idx%n", gpt.name(),
                    gpt.data().prefix().getFileName(), requested[i], epochs, gpt.maps().sampleCount());
            IndexMapFiles files = IndexMapFiles.in(dir, gpt.data().prefix(), gpt.name(), requested[i], SEQ_LENGTH, seed);
            out.println("      indexmaps/" + files.docIdx().getFileName().toString().replace("_doc_idx.npy", "_{doc,sample,shuffle}_idx.npy"));
        }
        out.println("   blending indices: " + blend.length() + " blended samples, picked greedily by weight");
        return blend;
    }

    private static void showBatches(PrintWriter out, ByteLevelBpeTokenizer tokenizer, BlendedDataset blend) {
        out.println();
        out.println("3. Training order: step s trains rows [s·" + BATCH + ", (s+1)·" + BATCH + "); each row is " + (SEQ_LENGTH + 1)
                + " tokens that run across document boundaries. The first " + TOKENS_SHOWN + " tokens of some rows:");
        int[] tokens = new int[blend.sampleLength()];
        for (int step = 0; step < 3; step++) {
            for (int slot = 0; slot < 3; slot++) {
                long row = (long) step * BATCH + slot;
                blend.readSample(row, tokens);
                String dataset = blend.datasets().get(blend.source(row).dataset()).data().prefix().getFileName().toString();
                out.printf("   step %d row %2d (%-8s) %s%n", step, row, dataset,
                        quoted(tokenizer.decode(Arrays.copyOf(tokens, TOKENS_SHOWN))));
            }
        }
    }

    private static void showProvenance(PrintWriter out, ByteLevelBpeTokenizer tokenizer, BlendedDataset blend) {
        RowOrigin origin = new Provenance(blend, BATCH).locate(LOCATED_ROW);
        GptDataset gpt = blend.datasets().get(origin.dataset());
        out.println();
        out.println("4. Where row " + LOCATED_ROW + " came from (locate --row " + LOCATED_ROW + "): step " + origin.step() + ", slot "
                + origin.slot() + "; " + origin.datasetName() + " sample " + origin.sample() + ", which is sample "
                + origin.unshuffledSample() + " before the shuffle. Its source documents:");
        for (DocumentSpan span : origin.documents()) {
            long[] ids = gpt.data().get(span.document(), span.start(), span.length());
            String part = span.startsDocument() && span.endsDocument() ? "all" : "tokens " + span.start() + "-" + span.end();
            out.printf("   row tokens %2d-%2d: %s document %d, %s of %d: %s%n", span.rowOffset(), span.rowOffset() + span.length(),
                    gpt.data().prefix().getFileName(), span.document(), part, span.documentLength(),
                    quoted(tokenizer.decode(Arrays.stream(ids).mapToInt(Math::toIntExact).toArray())));
        }
    }

    private static String preshuffledRoundTrip(PrintWriter out, BlendedDataset blend, Path dir) throws Exception {
        Files.createDirectories(dir);
        int rows = TRAIN_ITERS * BATCH;
        List<long[]> items = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            items.add(blend.sample(r));
        }
        Path prefix = dir.resolve("document");
        MMapIndexedDatasetWriter.write(prefix, TokenType.UINT16, items);
        List<Path> shards = Sharder.shard(prefix, SHARD_BYTES);
        Files.delete(MMapIndexedDataset.binPath(prefix));
        PreshuffledDataset data = PreshuffledDataset.open(shards.get(0));
        PreshuffledDataset.RowRange range = data.stepRows(READ_BACK_STEP, READ_BACK_STEP, BATCH);
        int[] batch = new int[BATCH * data.rowLength()];
        data.readRows(range.first(), BATCH, batch, 0);
        for (int r = 0; r < BATCH; r++) {
            long[] expected = items.get(Math.toIntExact(range.first() + r));
            for (int t = 0; t < expected.length; t++) {
                if (batch[r * data.rowLength() + t] != expected[t]) {
                    throw new IllegalStateException("row " + (range.first() + r) + " read back from the shards differs at token " + t);
                }
            }
        }
        Unsharder.Result merged = Unsharder.unshard(shards.get(0), dir.resolve("unsharded"));
        out.println();
        out.println("5. A pre-shuffled copy in the EleutherAI/pile-*-pythia-preshuffled layout: " + rows + " rows of " + data.rowLength()
                + " uint16 tokens in training order,");
        out.println("   cut at byte offsets into " + shards.size() + " shards of " + SHARD_BYTES + " bytes (preshuffled/"
                + shards.get(0).getFileName() + " ...).");
        out.println("   batch --step " + READ_BACK_STEP + " read straight from the shards: rows [" + range.first() + ", "
                + (range.first() + range.count()) + "), identical to the blended samples.");
        out.println("   unshard: " + merged.bytes() + " bytes, sha256 " + merged.sha256());
        return merged.sha256();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
