package io.timelapse.plugin.openfold.modelio;

import io.timelapse.lib.npy.NpyFormatException;
import io.timelapse.plugin.openfold.features.FeatureFiles;
import io.timelapse.plugin.openfold.features.FeatureSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * A model's input features as an {@code .npz} (NumPy's {@code savez} or {@code savez_compressed}, one
 * array per feature under OpenFold's names), as {@code openfold features} writes them. Integer arrays
 * become int32 and floating ones float32.
 */
public final class FeaturesFile {

    private FeaturesFile() {}

    /**
     * Reads every array of {@code file}.
     *
     * @throws ModelFileException if the file is not an .npz of .npy arrays or lacks one of {@code required}
     */
    public static FeatureSet read(Path file, Collection<String> required) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + ": no such features file");
        }
        FeatureSet features;
        try {
            features = FeatureFiles.read(file);
        } catch (NpyFormatException e) {
            throw new ModelFileException(e.getMessage(), e);
        }
        for (String key : required) {
            if (!features.contains(key)) {
                throw new ModelFileException(file + ": missing feature " + key + " (the file has " + features.asMap().keySet() + ")");
            }
        }
        return features;
    }
}
