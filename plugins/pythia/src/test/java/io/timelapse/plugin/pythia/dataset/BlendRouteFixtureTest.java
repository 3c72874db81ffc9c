package io.timelapse.plugin.pythia.dataset;

import static io.timelapse.plugin.pythia.Fixtures.GLOBAL_BATCH;
import static io.timelapse.plugin.pythia.Fixtures.INDEX_MAP_BASE;
import static io.timelapse.plugin.pythia.Fixtures.SEED;
import static io.timelapse.plugin.pythia.Fixtures.SEQ_LENGTH;
import static io.timelapse.plugin.pythia.Fixtures.TRAIN_ITERS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.pythia.Fixtures;
import io.timelapse.plugin.pythia.indexmap.IndexMapBuilder;
import io.timelapse.plugin.pythia.indexmap.IndexMapFiles;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.plugin.pythia.indexmap.IndexMaps;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The Pythia route (train-data-paths, one path, weight 1) against gpt-neox v1.0's own output. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlendRouteFixtureTest {

    @TempDir
    Path tmp;

    private MMapIndexedDataset corpus;
    private BlendedDataset blended;

    @BeforeAll
    void open() throws IOException {
        corpus = MMapIndexedDataset.open(Fixtures.corpusPrefix());
        TrainingSchedule schedule = new TrainingSchedule(TRAIN_ITERS, GLOBAL_BATCH, 1000, 0);
        blended = BlendRoute.open(List.of(corpus), new double[] {1.0}, Split.TRAIN, schedule.samples(Split.TRAIN), SEQ_LENGTH, SEED,
                IndexMapStore.inMemory());
    }

    @Test
    void derivedCountsMatchParams() {
        assertEquals(960, new TrainingSchedule(TRAIN_ITERS, GLOBAL_BATCH, 1000, 0).samples(Split.TRAIN));
        assertArrayEquals(new long[] {965}, BlendRoute.samplesPerDataset(new double[] {1.0}, 960));
        assertEquals(30123, IndexMapBuilder.tokensPerEpoch(corpus.index().sizes(), 0, 300));
        assertEquals(3, IndexMapBuilder.numEpochs(30123, SEQ_LENGTH, 965));
        IndexMaps maps = blended.datasets().get(0).maps();
        assertEquals(1412, maps.sampleCount());
        assertEquals(1411, blended.length());
        assertEquals("train_0", blended.datasets().get(0).name());
    }

    @Test
    void indexMapsEqualTheReferenceArrays() {
        IndexMaps maps = blended.datasets().get(0).maps();
        assertArrayEquals(Fixtures.npy("indexmaps/" + INDEX_MAP_BASE + "_doc_idx.npy").asIntArray(), maps.docIdx());
        assertArrayEquals(Fixtures.npy("indexmaps/" + INDEX_MAP_BASE + "_sample_idx.npy").asIntArray(), maps.sampleIdx());
        assertArrayEquals(Fixtures.npy("indexmaps/" + INDEX_MAP_BASE + "_shuffle_idx.npy").asUnsignedIntArray(), maps.shuffleIdx());
    }

    @Test
    void cachedFilesAreByteIdenticalAndReloaded() throws IOException {
        Path dir = tmp.resolve("cache");
        TrainingSchedule schedule = new TrainingSchedule(TRAIN_ITERS, GLOBAL_BATCH, 1000, 0);
        BlendRoute.open(List.of(corpus), new double[] {1.0}, Split.TRAIN, schedule.samples(Split.TRAIN), SEQ_LENGTH, SEED,
                IndexMapStore.in(dir));
        for (String kind : new String[] {"doc", "sample", "shuffle"}) {
            String name = INDEX_MAP_BASE + "_" + kind + "_idx.npy";
            assertTrue(Files.isRegularFile(dir.resolve(name)), name);
            assertArrayEquals(Fixtures.bytes("indexmaps/" + name), Files.readAllBytes(dir.resolve(name)), name);
        }
        // The reference's own files load (not rebuilt) and give the same dataset.
        IndexMapFiles reference = IndexMapFiles.in(Fixtures.path("indexmaps/" + INDEX_MAP_BASE + "_doc_idx.npy").getParent(),
                corpus.prefix(), "train_0", 965, SEQ_LENGTH, SEED);
        assertTrue(reference.exist());
        IndexMaps loaded = reference.read();
        assertArrayEquals(blended.datasets().get(0).maps().shuffleIdx(), loaded.shuffleIdx());
    }

    private void assertRows(NpyArray expected, long firstSample) {
        int rows = (int) (expected.elementCount() / (SEQ_LENGTH + 1));
        long[] tokens = new long[SEQ_LENGTH + 1];
        int[] ints = new int[SEQ_LENGTH + 1];
        for (int r = 0; r < rows; r++) {
            long[] want = Fixtures.row(expected, r);
            blended.readSample(firstSample + r, tokens);
            assertArrayEquals(want, tokens, "sample " + (firstSample + r));
            blended.readSample(firstSample + r, ints);
            for (int j = 0; j < ints.length; j++) {
                assertEquals(want[j], ints[j]);
            }
        }
    }

    @Test
    void everySampleEqualsTheReference() {
        assertRows(Fixtures.npy("expected/samples.npy"), 0);
        NpyArray all = Fixtures.npy("expected/samples_all.npy");
        assertArrayEquals(new long[] {1411, 65}, all.shape());
        assertRows(all, 0);
    }

    @Test
    void unshuffledSamplesEqualTheReference() {
        NpyArray unshuffled = Fixtures.npy("expected/samples_unshuffled.npy");
        GptDataset gpt = blended.datasets().get(0);
        long[] tokens = new long[SEQ_LENGTH + 1];
        for (int k = 0; k < 1412; k++) {
            gpt.readUnshuffled(k, tokens);
            assertArrayEquals(Fixtures.row(unshuffled, k), tokens, "unshuffled sample " + k);
        }
    }

    @Test
    void loaderBatchesIncludingTheResumedLoader() {
        NpyArray steps0to2 = Fixtures.npy("expected/loader_batches_steps0-2.npy");
        assertArrayEquals(new long[] {3, 8, 65}, steps0to2.shape());
        assertRows(steps0to2, 0 * GLOBAL_BATCH);
        NpyArray resumed = Fixtures.npy("expected/loader_batches_steps5-7.npy");
        assertRows(resumed, 5L * GLOBAL_BATCH);
    }

    @Test
    void indicesBeyondTheLengthWrapAsTheReferenceDoes() {
        long[] wrapped = blended.sample(1411 + 3);
        assertArrayEquals(Fixtures.row(Fixtures.npy("expected/samples_all.npy"), 3), wrapped);
    }
}
