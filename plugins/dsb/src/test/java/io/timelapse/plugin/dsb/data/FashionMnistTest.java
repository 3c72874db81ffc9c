package io.timelapse.plugin.dsb.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.timelapse.plugin.dsb.Fixtures;
import io.timelapse.plugin.dsb.stats.ClassStatistics;
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
    void theFullSizeGoldensTakeTheirInputsAndMeansFromTheSubset() throws IOException {
        LabeledImages val = FashionMnist.validation();
        int[] classZero = IntStream.range(0, val.count()).filter(i -> val.labels()[i] == 0).toArray();
        double[][] first8 = Fixtures.rows("fm28_got_inputs_c0");
        long[] testIndices = Fixtures.longs("fm28_got_input_idx_c0");
        int[] split = ValidationSplit.paper(10000);
        for (int k = 0; k < 8; k++) {
            assertArrayEquals(first8[k], Pixels.row(val.images(), classZero[k], 1, false), "image " + k);
            assertEquals(testIndices[k], split[classZero[k]]);
        }
        assertArrayEquals(Fixtures.vector("fm28_conrad_mu_val_c0"), classMean(val, 0), 1e-15, "class 0 mean");
        assertArrayEquals(Fixtures.vector("fm28_bshift_target_mean_c1_val"), classMean(val, 1), 1e-15, "class 1 mean");
    }

    private static double[] classMean(LabeledImages val, int k) {
        return ClassStatistics.fit(IntStream.range(0, val.count()).filter(i -> val.labels()[i] == k)
                .mapToObj(i -> Pixels.row(val.images(), i, 1, false)).toArray(double[][]::new)).mean();
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
