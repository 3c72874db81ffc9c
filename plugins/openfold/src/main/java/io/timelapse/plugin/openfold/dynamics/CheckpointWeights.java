package io.timelapse.plugin.openfold.dynamics;

import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.checkpoint.Checkpoint;
import io.timelapse.lib.nn.LoadReport;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.plugin.openfold.modelio.ModelFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The model's parameters in a checkpoint of {@code openfold train}, which also holds Adam's moments and the step
 * counter (left alone here). A parameter the file lacks or holds in another shape, as in a checkpoint of another
 * configuration, is a {@link ModelFileException} naming the file and the tensor.
 */
public final class CheckpointWeights {

    private CheckpointWeights() {}

    /** Checks {@code file}'s checkpoint metadata and that it holds every parameter in its shape, reading no tensor data. */
    public static void check(Path file, Map<String, Variable> parameters) throws IOException {
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            SafetensorsFile store = checkpoint.file();
            for (Map.Entry<String, Variable> parameter : parameters.entrySet()) {
                Shape expected = parameter.getValue().shape();
                if (!store.contains(parameter.getKey())) {
                    throw new ModelFileException(file + ": no tensor " + parameter.getKey() + " (the model expects shape " + expected
                            + "); a checkpoint of another configuration?");
                }
                Shape actual = Shape.of(store.info(parameter.getKey()).shape());
                if (!actual.equals(expected)) {
                    throw new ModelFileException(file + ": tensor " + parameter.getKey() + " is " + actual + ", the model expects " + expected
                            + "; a checkpoint of another configuration?");
                }
            }
        }
    }

    /** Assigns every parameter from {@code file}. */
    public static void load(Path file, Session session, Map<String, Variable> parameters) throws IOException {
        check(file, parameters);
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            LoadReport report = StateDict.load(session, parameters, checkpoint.file(), true);
            if (!report.missing().isEmpty() || !report.mismatched().isEmpty()) {
                throw new ModelFileException(report.describe());
            }
        }
    }
}
