package io.timelapse.plugin.pythia.bench;

import io.timelapse.plugin.pythia.indexmap.IndexMapBuilder;
import io.timelapse.plugin.pythia.indexmap.IndexMaps;
import io.timelapse.lib.tokens.megatron.MMapIndex;
import io.timelapse.lib.tokens.megatron.MMapIndexedDatasetWriter;
import io.timelapse.lib.tokens.megatron.TokenType;
import io.timelapse.plugin.pythia.random.LegacyRandomState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Benchmark, not a test: builds Pythia-scale index maps (147,164,160 samples of 2048+1 tokens)
 * over a synthetic {@code .idx} of about 210M documents. Run with
 * {@code java -Xmx6g -cp target/classes:target/test-classes:<deps> io.timelapse.plugin.pythia.bench.IndexMapBench DIR [DOCS]}.
 */
public final class IndexMapBench {

    private IndexMapBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench-data");
        int docs = args.length > 1 ? Integer.parseInt(args[1]) : 210_000_000;
        long numSamples = 147_164_160L;
        int seqLength = 2048;
        Files.createDirectories(dir);
        Path idx = dir.resolve("synthetic.idx");
        if (!Files.exists(idx)) {
            // Document lengths averaging ~1,580 tokens, so one epoch holds ~162M samples as the standard Pile does.
            SplittableRandom random = new SplittableRandom(42);
            int[] sizes = new int[docs];
            for (int i = 0; i < docs; i++) {
                sizes[i] = 1 + random.nextInt(3160);
            }
            long[] docIdx = new long[docs + 1];
            Arrays.setAll(docIdx, i -> i);
            MMapIndexedDatasetWriter.writeIndex(idx, TokenType.UINT16, sizes, docIdx);
        }
        long t0 = System.nanoTime();
        MMapIndex index = MMapIndex.open(idx);
        int[] sizes = index.sizes();
        long t1 = System.nanoTime();
        long tokens = IndexMapBuilder.tokensPerEpoch(sizes, 0, sizes.length);
        int epochs = IndexMapBuilder.numEpochs(tokens, seqLength, numSamples);
        LegacyRandomState rng = new LegacyRandomState(1234);
        int[] docIdx = IndexMapBuilder.buildDocIdx(0, sizes.length, epochs, rng);
        long t2 = System.nanoTime();
        int[] sampleIdx = IndexMapBuilder.buildSampleIdx(sizes, docIdx, seqLength, epochs, tokens);
        long t3 = System.nanoTime();
        int[] shuffleIdx = IndexMapBuilder.buildShuffleIdx(sampleIdx.length / 2 - 1, rng);
        long t4 = System.nanoTime();
        IndexMaps maps = new IndexMaps(docIdx, sampleIdx, shuffleIdx);
        long arrays = 4L * (docIdx.length + sampleIdx.length + shuffleIdx.length);
        System.out.printf("documents %d, tokens %d, epochs %d, samples %d%n", sizes.length, tokens, epochs, maps.sampleCount());
        System.out.printf("open+validate idx %.1f s, doc_idx %.1f s, sample_idx %.1f s, shuffle_idx %.1f s, total maps %.1f s%n",
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t4 - t1) / 1e9);
        System.out.printf("index-map arrays %.2f GB%n", arrays / 1e9);
    }
}
