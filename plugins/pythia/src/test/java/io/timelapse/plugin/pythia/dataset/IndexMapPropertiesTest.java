package io.timelapse.plugin.pythia.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.pythia.indexmap.IndexMapBuilder;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.plugin.pythia.indexmap.IndexMaps;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.tokens.megatron.MMapIndexedDatasetWriter;
import io.timelapse.lib.tokens.megatron.TokenType;
import io.timelapse.plugin.pythia.provenance.DocumentSpan;
import io.timelapse.plugin.pythia.provenance.Provenance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Properties the fixtures do not cover: int32 corpora beyond 65535, many epochs, blends of several corpora. */
class IndexMapPropertiesTest {

    @TempDir
    Path tmp;

    /** Every sample equals the tokens of the documents its provenance lists, read independently from the corpus. */
    static void assertSamplesAreDocumentConcatenations(GptDataset dataset) {
        int length = dataset.sampleLength();
        long[] sample = new long[length];
        for (long k = 0; k < dataset.maps().sampleCount(); k++) {
            dataset.readUnshuffled(k, sample);
            long[] rebuilt = new long[length];
            int at = 0;
            List<DocumentSpan> spans = Provenance.documentsOf(dataset, k);
            for (int i = 0; i < spans.size(); i++) {
                DocumentSpan span = spans.get(i);
                long[] whole = dataset.data().get(span.document());
                if (i > 0) {
                    assertEquals(0, span.start(), "a later span starts at its document's start");
                }
                if (i < spans.size() - 1) {
                    assertEquals(whole.length, span.end(), "an earlier span runs to its document's end");
                }
                System.arraycopy(whole, span.start(), rebuilt, at, span.length());
                at += span.length();
            }
            assertEquals(length, at);
            assertArrayEquals(rebuilt, sample, "sample " + k);
            if (k + 1 < dataset.maps().sampleCount()) {
                // Consecutive samples share one token: the last of k is the first of k + 1.
                long[] next = new long[length];
                dataset.readUnshuffled(k + 1, next);
                assertEquals(sample[length - 1], next[0]);
            }
        }
    }

    /** shuffle_idx is a permutation of 0..S−1 and doc_idx holds every document exactly E times. */
    static void assertShufflesArePermutations(IndexMaps maps, int documents) {
        boolean[] seen = new boolean[maps.shuffleIdx().length];
        for (int v : maps.shuffleIdx()) {
            assertTrue(v >= 0 && v < seen.length && !seen[v], "shuffle_idx value " + v);
            seen[v] = true;
        }
        assertEquals(0, maps.docIdx().length % documents);
        int epochs = maps.docIdx().length / documents;
        int lo = Integer.MAX_VALUE;
        for (int d : maps.docIdx()) {
            lo = Math.min(lo, d);
        }
        int[] counts = new int[documents];
        for (int d : maps.docIdx()) {
            counts[d - lo]++;
        }
        for (int c : counts) {
            assertEquals(epochs, c);
        }
    }

    private Path corpus(String name, TokenType type, int documents, int maxLength, int vocab, long seed) throws IOException {
        Random random = new Random(seed);
        List<long[]> items = new ArrayList<>();
        for (int d = 0; d < documents; d++) {
            long[] tokens = new long[1 + random.nextInt(maxLength)];
            for (int t = 0; t < tokens.length - 1; t++) {
                tokens[t] = 2 + random.nextInt(vocab - 2);
            }
            items.add(tokens);
        }
        Path prefix = tmp.resolve(name);
        MMapIndexedDatasetWriter.write(prefix, type, items);
        return prefix;
    }

    @Test
    void int32CorpusWithAVocabularyBeyond65535() throws IOException {
        int vocab = 200_000;
        assertEquals(TokenType.INT32, TokenType.forVocabulary(vocab));
        MMapIndexedDataset data = MMapIndexedDataset.open(corpus("big-vocab", TokenType.INT32, 150, 300, vocab, 5));
        BlendedDataset blended = BlendRoute.open(List.of(data), new double[] {1.0}, Split.TRAIN, 500, 128, 1234, IndexMapStore.inMemory());
        GptDataset dataset = blended.datasets().get(0);
        assertSamplesAreDocumentConcatenations(dataset);
        assertShufflesArePermutations(dataset.maps(), 150);
        boolean beyond = false;
        int[] row = new int[129];
        for (long i = 0; i < blended.length(); i++) {
            blended.readSample(i, row);
            for (int token : row) {
                assertTrue(token >= 0 && token < vocab);
                beyond |= token > 65535;
            }
        }
        assertTrue(beyond, "the corpus exercises token ids above 65535");
    }

    @Test
    void manyEpochsAreShuffledTogether() throws IOException {
        MMapIndexedDataset data = MMapIndexedDataset.open(corpus("tiny", TokenType.UINT16, 7, 20, 50277, 9));
        long tokens = IndexMapBuilder.tokensPerEpoch(data.index().sizes(), 0, 7);
        int seqLength = 16;
        long numSamples = 40 * tokens / seqLength;
        int epochs = IndexMapBuilder.numEpochs(tokens, seqLength, numSamples);
        assertTrue(epochs >= 40, "epochs " + epochs);
        assertTrue(((epochs - 1) * tokens - 1) / seqLength < numSamples, "E is the smallest sufficient epoch count");
        assertTrue((epochs * tokens - 1) / seqLength >= numSamples);
        BlendedDataset blended = BlendRoute.open(List.of(data), new double[] {1.0}, Split.TRAIN, numSamples, seqLength, 7,
                IndexMapStore.inMemory());
        GptDataset dataset = blended.datasets().get(0);
        assertEquals((long) epochs * 7, dataset.maps().docIdx().length);
        assertSamplesAreDocumentConcatenations(dataset);
        assertShufflesArePermutations(dataset.maps(), 7);
        // One shuffle over all epochs: the first epoch's slots do not hold each document once.
        int[] firstEpoch = new int[7];
        for (int i = 0; i < 7; i++) {
            firstEpoch[dataset.maps().docIdx()[i]]++;
        }
        boolean repeated = false;
        for (int c : firstEpoch) {
            repeated |= c != 1;
        }
        assertTrue(repeated, "v1.0 has no separate last epoch; epochs mix");
    }

    @Test
    void blendOfTwoCorporaFollowsTheGreedyWeights() throws IOException {
        MMapIndexedDataset a = MMapIndexedDataset.open(corpus("a", TokenType.UINT16, 60, 100, 50277, 1));
        MMapIndexedDataset b = MMapIndexedDataset.open(corpus("b", TokenType.UINT16, 40, 100, 50277, 2));
        double[] weights = {3, 1};
        assertArrayEquals(new long[] {302, 101}, BlendRoute.samplesPerDataset(weights, 400));
        BlendedDataset blended = BlendRoute.open(List.of(a, b), weights, Split.TRAIN, 400, 32, 11, IndexMapStore.inMemory());
        assertEquals("train_1", blended.datasets().get(1).name());
        BlendingIndices indices = blended.indices();
        long[] counts = new long[2];
        for (int t = 0; t < indices.size(); t++) {
            int d = indices.dataset(t);
            assertEquals(counts[d], indices.sample(t), "each dataset's samples are taken in order");
            counts[d]++;
            // The greedy choice keeps every dataset within one sample of its share.
            double x = Math.max(t + 1, 1);
            assertTrue(Math.abs(counts[0] - 0.75 * x) <= 1.0 && Math.abs(counts[1] - 0.25 * x) <= 1.0, "t=" + t);
        }
        assertEquals(0, indices.dataset(0));
        assertEquals(blended.datasets().get(0).length() + blended.datasets().get(1).length(), blended.length());
        long[] sample = new long[33];
        for (long i = 0; i < blended.length(); i += 17) {
            blended.readSample(i, sample);
            BlendedDataset.Source source = blended.source(i);
            assertArrayEquals(blended.datasets().get(source.dataset()).sample(source.sample()), sample);
        }
    }
}
