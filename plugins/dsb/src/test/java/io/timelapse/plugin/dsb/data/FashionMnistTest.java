package io.timelapse.plugin.dsb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.plugin.dsb.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {

    @Test
    void embeddedValidationSubsetIsThePapersSplitOfTheTestImages() throws IOException {
        LabeledImages val = FashionMnist.validation();
        assertEquals(1024, val.count());
        assertEquals(28, val.images().height());
        assertEquals(28, val.images().width());
        int[] perClass = new int[10];
        Arrays.stream(val.labels()).forEach(label -> perClass[label]++);
        assertEquals(102, perClass[0]);
        assertEquals(1024, Arrays.stream(perClass).sum());
    }

    @Test
    void classZeroPooledMatchesTheGoldenInputs() throws IOException {
        LabeledImages val = FashionMnist.validation();
        int[] classZero = IntStream.range(0, val.count()).filter(i -> val.labels()[i] == 0).toArray();
        double[][] golden = Fixtures.rows("fm14_bshift_inputs_c0_val");
        assertEquals(golden.length, classZero.length);
        for (int k = 0; k < classZero.length; k++) {
            assertArrayEquals(golden[k], Pixels.row(val.images(), classZero[k], 2, false), "image " + k);
        }
        double[][] first8 = Fixtures.rows("fm14_got_inputs_c0");
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(first8[k], Pixels.row(val.images(), classZero[k], 2, false), "image " + k);
        }
        long[] testIndices = Fixtures.longs("fm14_got_input_idx_c0");
        int[] split = ValidationSplit.paper(10000);
        for (int k = 0; k < 8; k++) {
            assertEquals(testIndices[k], split[classZero[k]]);
        }
    }

    @Test
    void missingFilesNameTheFolderTheFileAndThePackage(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class, () -> FashionMnist.read(dir, FashionMnist.Split.TRAIN));
        assertEquals(dir + ": no Fashion-MNIST file train-images-idx3-ubyte.gz (apt-get install"
            + " dataset-fashion-mnist puts the data in /usr/share/datasets/fashion-mnist)", e.getMessage());
    }

    @Test
    void readsAFullSplitFromAFolder(@TempDir Path dir) throws IOException {
        byte[] images = {0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 7, (byte) 255};
        byte[] labels = {0, 0, 8, 1, 0, 0, 0, 1, 9};
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), images);
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels);
        LabeledImages test = FashionMnist.read(dir, FashionMnist.Split.TEST);
        assertArrayEquals(new int[] {9}, test.labels());
        assertEquals(255, test.images().pixel(0, 1));
    }
}
