package io.timelapse.api.data;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/** Opens training data stored in some on-disk layout; plugins publish this as an OSGi service. */
@ProviderType
public interface TrainingDataProvider {

    /** A short name of the layout, for example {@code pythia-preshuffled}. */
    String layout();

    /** Whether {@code path} looks like data this provider reads. */
    boolean accepts(Path path);

    TrainingData open(Path path, int batchSize) throws IOException;
}
