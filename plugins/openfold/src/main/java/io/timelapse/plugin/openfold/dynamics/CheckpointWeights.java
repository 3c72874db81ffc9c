package io.timelapse.plugin.openfold.dynamics;

import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.checkpoint.Checkpoint;
import io.timelapse.lib.nn.LoadReport;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.lib.train.ExponentialMovingAverage;
import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.plugin.openfold.modelio.ModelFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model's parameters in a checkpoint of {@code openfold train}, which also holds Adam's moments and the step
 * counter (left alone here). A parameter the file lacks or holds in another shape, as in a checkpoint of another
 * configuration, is a {@link ModelFileException} naming the file and the tensor.
 */
public final class CheckpointWeights {

    private CheckpointWeights() {}

    /** Which weights of a checkpoint to read: those trained, or their exponential moving average. */
    public enum Kind {
        RAW(""), EMA(ExponentialMovingAverage.PREFIX);

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** The parameters under the names this kind of weights has in a checkpoint. */
        public Map<String, Variable> named(Map<String, Variable> parameters) {
            Map<String, Variable> named = new LinkedHashMap<>();
            parameters.forEach((name, variable) -> named.put(prefix + name, variable));
            return named;
        }
    }

    /** Checks {@code file}'s checkpoint metadata and that it holds every parameter in its shape, reading no tensor data. */
    public static void check(Path file, Map<String, Variable> parameters) throws IOException {
        check(file, parameters, Kind.RAW);
    }

    /** As {@link #check(Path, Map)}, for the weights of {@code kind}. */
    public static void check(Path file, Map<String, Variable> model, Kind kind) throws IOException {
        Map<String, Variable> parameters = kind.named(model);
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            SafetensorsFile store = checkpoint.file();
            for (Map.Entry<String, Variable> parameter : parameters.entrySet()) {
                Shape expected = parameter.getValue().shape();
                if (!store.contains(parameter.getKey())) {
                    throw new ModelFileException(file + ": no tensor " + parameter.getKey() + " (the model expects shape " + expected
                            + "); a checkpoint of another configuration" + (kind == Kind.EMA ? ", or of a run without --ema?" : "?"));
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
        load(file, session, parameters, Kind.RAW);
    }

    /** Assigns every parameter from the weights of {@code kind} in {@code file}. */
    public static void load(Path file, Session session, Map<String, Variable> model, Kind kind) throws IOException {
        check(file, model, kind);
        Map<String, Variable> parameters = kind.named(model);
        try (Checkpoint checkpoint = Checkpoint.open(file)) {
            LoadReport report = StateDict.load(session, parameters, checkpoint.file(), true);
            if (!report.missing().isEmpty() || !report.mismatched().isEmpty()) {
                throw new ModelFileException(report.describe());
            }
        }
    }
}
