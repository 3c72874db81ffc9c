package io.timelapse.plugin.openfold.modelio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.timelapse.plugin.openfold.features.FeatureArray;
import io.timelapse.plugin.openfold.features.FeatureSet;
import io.timelapse.plugin.openfold.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Features files written by NumPy (savez and savez_compressed; see test resources modelio/README.md). */
class FeaturesFileTest {

    private static final List<String> REQUIRED = List.of("aatype", "residue_index", "seq_mask", "msa_feat");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"features_savez.npz", "features_savez_compressed.npz"})
    void readsEveryArrayOfANumpyArchive(String name) throws IOException {
        FeatureSet features = FeaturesFile.read(Fixtures.resourcePath("modelio/" + name), REQUIRED);
        assertEquals(REQUIRED, List.copyOf(features.asMap().keySet()));
        FeatureArray aatype = features.get("aatype");
        assertEquals(FeatureArray.DType.INT32, aatype.dtype());
        assertArrayEquals(new int[] {0, 5, 19, 20}, aatype.ints());
        assertArrayEquals(new int[] {0, 1, 2, 3}, features.get("residue_index").ints());
        assertArrayEquals(new float[] {1, 1, 1, 0}, features.get("seq_mask").floats());
        FeatureArray msa = features.get("msa_feat");
        assertArrayEquals(new int[] {2, 4, 3}, msa.shape());
        assertEquals(FeatureArray.DType.FLOAT32, msa.dtype());
        for (int i = 0; i < 24; i++) {
            assertEquals(i / 8f, msa.floats()[i], 0);
        }
    }

    @Test
    void aMissingRequiredFeatureIsNamedWithTheFile() {
        Path file = Fixtures.resourcePath("modelio/features_savez.npz");
        ModelFileException e = assertThrows(ModelFileException.class,
                () -> FeaturesFile.read(file, List.of("aatype", "extra_msa")));
        assertEquals(file + ": missing feature extra_msa (the file has [aatype, residue_index, seq_mask, msa_feat])", e.getMessage());
    }

    @Test
    void aFileThatIsNotAnNpzOrIsAbsentIsRefusedByName() throws IOException {
        Path text = tmp.resolve("features.npz");
        Files.writeString(text, "not an archive");
        String message = assertThrows(ModelFileException.class, () -> FeaturesFile.read(text, REQUIRED)).getMessage();
        assertTrue(message.startsWith(text + ": not a readable zip archive"), message);
        Path absent = tmp.resolve("absent.npz");
        assertEquals(absent + ": no such features file",
                assertThrows(ModelFileException.class, () -> FeaturesFile.read(absent, REQUIRED)).getMessage());
    }
}
