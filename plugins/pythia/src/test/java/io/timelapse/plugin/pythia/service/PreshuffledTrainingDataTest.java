package io.timelapse.plugin.pythia.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.api.data.TrainingData;
import io.timelapse.api.data.TrainingDataProvider;
import io.timelapse.lib.npy.NpyArray;
import io.timelapse.plugin.pythia.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PreshuffledTrainingDataTest {

    @Test
    void rowsAsIntsInTrainingOrder() throws IOException {
        Path first = Fixtures.path("preshuffled/document-00000-of-00003.bin");
        TrainingDataProvider provider = new PreshuffledTrainingDataProvider();
        assertEquals("pythia-preshuffled", provider.layout());
        assertTrue(provider.accepts(first));
        assertFalse(provider.accepts(first.resolveSibling("nothing-here")));
        NpyArray samples = Fixtures.npy("expected/samples_all.npy");
        try (TrainingData data = provider.open(first, 8)) {
            assertEquals(960, data.rowCount());
            assertEquals(65, data.rowLength());
            assertEquals(120, data.stepCount());
            assertEquals(14, data.stepOf(119));
            assertEquals(112, data.firstRowOf(14));
            for (long row = 0; row < 960; row += 37) {
                int[] tokens = data.row(row);
                long[] want = Fixtures.row(samples, (int) row);
                for (int j = 0; j < 65; j++) {
                    assertEquals(want[j], tokens[j], "row " + row);
                }
            }
            int[] block = new int[8 * 65];
            data.readRows(8, 8, block, 0);
            assertArrayEquals(Fixtures.npy("preshuffled/expected/batch_step1.npy").asIntArray(), block);
        }
    }
}
