package io.timelapse.testkit;

import io.timelapse.api.data.TrainingData;
import io.timelapse.api.data.TrainingDataProvider;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The training-data service as it is when no plugin publishing a dataset layout is installed: it accepts no path,
 * so a command under test can read only what it reads itself ({@code .npy} rows and the like).
 *
 * @since 1.1
 */
public final class NoTrainingDataLayout implements TrainingDataProvider {

    public static final NoTrainingDataLayout INSTANCE = new NoTrainingDataLayout();

    private NoTrainingDataLayout() {}

    @Override
    public String layout() {
        return "pythia-preshuffled";
    }

    @Override
    public boolean accepts(Path path) {
        return false;
    }

    @Override
    public TrainingData open(Path path, int batchSize) throws IOException {
        throw new IOException("no training-data layout installed for " + path);
    }
}
