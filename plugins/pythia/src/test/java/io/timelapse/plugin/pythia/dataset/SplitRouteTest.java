package io.timelapse.plugin.pythia.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.pythia.Fixtures;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The --data-path route, against maps made by an independent Python implementation that uses
 * numpy's own RandomState (resources/pythia/split/make_split_fixture.py), and by properties.
 */
class SplitRouteTest {

    @TempDir
    Path tmp;

    @Test
    void boundsFollowPythonRounding() {
        assertArrayEquals(new long[] {0, 291, 300, 300}, SplitRoute.bounds("969,30,1", 300));
        assertArrayEquals(new long[] {0, 270, 294, 300}, SplitRoute.bounds("90,8,2", 300));
        assertArrayEquals(new long[] {0, 270, 294, 300}, SplitRoute.bounds("90/8/2", 300));
        assertArrayEquals(new long[] {0, 10, 10, 10}, SplitRoute.bounds("1", 10));
        // 2.5 and 0.5 round to even (2 and 0), giving [0, 2, 4, 4]; then every bound after the first shifts by +1.
        // Python's reference formula gives [0, 3, 5, 5].
        assertArrayEquals(new long[] {0, 3, 5, 5}, SplitRoute.bounds("50,40,10", 5));
        assertThrows(IllegalArgumentException.class, () -> SplitRoute.bounds("0,0,0", 5));
        assertThrows(IllegalArgumentException.class, () -> SplitRoute.bounds("a,b", 5));
    }

    @Test
    void sampleCountsFollowTheSchedule() {
        TrainingSchedule schedule = new TrainingSchedule(50, 8, 20, 3);
        assertEquals(400, schedule.samples(Split.TRAIN));
        assertEquals(72, schedule.samples(Split.VALID));
        assertEquals(24, schedule.samples(Split.TEST));
        assertEquals(146_432_000L, TrainingSchedule.pythia().samples(Split.TRAIN));
        assertArrayEquals(new long[] {147_164_160L}, BlendRoute.samplesPerDataset(new double[] {1.0}, 146_432_000L));
    }

    @Test
    void indexMapFilesEqualTheIndependentReference() throws IOException {
        MMapIndexedDataset corpus = MMapIndexedDataset.open(Fixtures.corpusPrefix());
        TrainingSchedule schedule = new TrainingSchedule(50, 8, 20, 3);
        Path cache = tmp.resolve("cache");
        for (Split split : Split.values()) {
            GptDataset dataset = SplitRoute.open(corpus, "90,8,2", split, schedule.samples(split), 64, 1234, IndexMapStore.in(cache));
            assertEquals(split.label(), dataset.name());
        }
        try (var files = Files.list(Fixtures.path("split/make_split_fixture.py").getParent())) {
            int compared = 0;
            for (Path expected : (Iterable<Path>) files::iterator) {
                if (expected.toString().endsWith(".npy")) {
                    assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(cache.resolve(expected.getFileName())),
                            expected.getFileName().toString());
                    compared++;
                }
            }
            assertEquals(9, compared);
        }
    }

    @Test
    void everySampleIsTheConcatenationOfItsSplitsDocuments() throws IOException {
        MMapIndexedDataset corpus = MMapIndexedDataset.open(Fixtures.corpusPrefix());
        TrainingSchedule schedule = new TrainingSchedule(50, 8, 20, 3);
        long[] bounds = SplitRoute.bounds("90,8,2", 300);
        for (Split split : Split.values()) {
            GptDataset dataset = SplitRoute.open(corpus, "90,8,2", split, schedule.samples(split), 64, 99, IndexMapStore.inMemory());
            int lo = (int) bounds[split.ordinal()];
            int hi = (int) bounds[split.ordinal() + 1];
            for (int d : dataset.maps().docIdx()) {
                assertTrue(d >= lo && d < hi, split + " uses document " + d + " outside its range");
            }
            IndexMapPropertiesTest.assertSamplesAreDocumentConcatenations(dataset);
            IndexMapPropertiesTest.assertShufflesArePermutations(dataset.maps(), hi - lo);
        }
        assertThrows(IllegalArgumentException.class,
                () -> SplitRoute.open(corpus, "969,30,1", Split.TEST, 10, 64, 1, IndexMapStore.inMemory()));
    }
}
