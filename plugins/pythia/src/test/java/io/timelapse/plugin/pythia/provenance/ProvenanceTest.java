package io.timelapse.plugin.pythia.provenance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.pythia.Fixtures;
import io.timelapse.plugin.pythia.dataset.BlendRoute;
import io.timelapse.plugin.pythia.dataset.BlendedDataset;
import io.timelapse.plugin.pythia.dataset.Split;
import io.timelapse.plugin.pythia.indexmap.IndexMapStore;
import io.timelapse.lib.tokens.megatron.MMapIndexedDataset;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    @Test
    void rowsMapToStepsSlotsAndTheirSourceDocuments() throws IOException {
        MMapIndexedDataset corpus = MMapIndexedDataset.open(Fixtures.corpusPrefix());
        BlendedDataset blended = BlendRoute.open(List.of(corpus), new double[] {1.0}, Split.TRAIN, 960, 64, 1234, IndexMapStore.inMemory());
        Provenance provenance = new Provenance(blended, 8);
        NpyArray samples = Fixtures.npy("expected/samples_all.npy");
        int[] shuffle = Fixtures.npy("indexmaps/" + Fixtures.INDEX_MAP_BASE + "_shuffle_idx.npy").asUnsignedIntArray();
        int[] docIdx = Fixtures.npy("indexmaps/" + Fixtures.INDEX_MAP_BASE + "_doc_idx.npy").asIntArray();
        int[] sampleIdx = Fixtures.npy("indexmaps/" + Fixtures.INDEX_MAP_BASE + "_sample_idx.npy").asIntArray();
        for (long row = 0; row < 960; row++) {
            RowOrigin origin = provenance.locate(row);
            assertEquals(row / 8, origin.step());
            assertEquals(row % 8, origin.slot());
            assertEquals("train_0", origin.datasetName());
            assertEquals(shuffle[(int) row], origin.unshuffledSample());
            // The spans, read from the corpus, rebuild the reference row token for token.
            long[] rebuilt = new long[65];
            int at = 0;
            for (DocumentSpan span : origin.documents()) {
                assertEquals(at, span.rowOffset());
                long[] tokens = corpus.get(span.document(), span.start(), span.length());
                System.arraycopy(tokens, 0, rebuilt, at, tokens.length);
                at += tokens.length;
                assertEquals(docIdx[(int) span.docIdxPosition()], span.document());
            }
            assertEquals(65, at);
            assertArrayEquals(Fixtures.row(samples, (int) row), rebuilt, "row " + row);
            DocumentSpan first = origin.documents().get(0);
            int k = (int) origin.unshuffledSample();
            assertEquals(sampleIdx[2 * k], first.docIdxPosition());
            assertEquals(sampleIdx[2 * k + 1], first.start());
            for (int i = 1; i < origin.documents().size(); i++) {
                assertTrue(origin.documents().get(i).startsDocument());
                assertTrue(origin.documents().get(i - 1).endsDocument());
            }
        }
        assertArrayEquals(new long[] {40, 8}, Provenance.rowsOfStep(5, 8));
    }
}
