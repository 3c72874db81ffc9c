package io.timelapse.plugin.openfold.modelio;

import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Variable;
import io.timelapse.lib.nn.LoadReport;
import io.timelapse.lib.nn.Module;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.lib.safetensors.SafetensorsFormatException;
import io.timelapse.lib.safetensors.SafetensorsWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's weights as one safetensors file keyed by OpenFold's {@code state_dict()} names (all of
 * {@link Module#parameters()}), so a checkpoint converted from OpenFold loads as it is. Loading is
 * exact: a missing, mis-shaped, non-floating or unexpected tensor is a {@link ModelFileException}
 * naming the file and the tensor; float32 and float64 load into either.
 */
public final class WeightsFile {

    /** The {@code __metadata__} key naming the layout, and its value. */
    public static final String FORMAT_KEY = "format";
    public static final String FORMAT = "openfold-state-dict";
    /** The {@code __metadata__} key naming the model configuration the weights belong to. */
    public static final String CONFIG_KEY = "config";

    private WeightsFile() {}

    /** Writes the current values of {@code module}'s parameters atomically, with the format and {@code configName}. */
    public static void save(Path file, Session session, Module module, String configName) throws IOException {
        save(file, StateDict.read(session, module.parameters()), Map.of(CONFIG_KEY, configName));
    }

    /** Writes {@code tensors} under their names atomically, with the format and the given metadata. */
    public static void save(Path file, Map<String, HostTensor> tensors, Map<String, String> metadata) throws IOException {
        SafetensorsWriter writer = new SafetensorsWriter().metadata(metadata).metadata(FORMAT_KEY, FORMAT);
        tensors.forEach((name, value) ->
                writer.add(name, StateDict.fileDtypeOf(value.dtype()), value.shape().dims(), value.buffer()));
        writer.write(file);
    }

    /** The file's {@code __metadata__} (empty when it has none). */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (SafetensorsFile store = open(file)) {
            return new LinkedHashMap<>(store.metadata());
        }
    }

    /** The configuration name recorded when the weights were saved, if any. */
    public static Optional<String> configName(Path file) throws IOException {
        return Optional.ofNullable(metadata(file).get(CONFIG_KEY));
    }

    /**
     * Assigns every parameter of {@code module} from {@code file}, casting between floating dtypes.
     *
     * @throws ModelFileException if the file is not safetensors or does not hold exactly the module's parameters
     */
    public static LoadReport load(Path file, Session session, Module module) throws IOException {
        Map<String, Variable> parameters = module.parameters();
        LoadReport report;
        try (SafetensorsFile store = open(file)) {
            report = StateDict.load(session, parameters, store, true);
        }
        if (!report.missing().isEmpty()) {
            String key = report.missing().get(0);
            throw new ModelFileException(file + ": no tensor " + key + " (the model expects shape "
                    + parameters.get(key).shape() + ")" + more(report.missing(), "missing"));
        }
        if (!report.mismatched().isEmpty()) {
            LoadReport.Mismatch m = report.mismatched().get(0);
            throw new ModelFileException(file + ": tensor " + m.name() + " is " + m.actual() + ", the model expects "
                    + m.expected() + more(report.mismatched(), "mismatched"));
        }
        if (!report.unexpected().isEmpty()) {
            throw new ModelFileException(file + ": unexpected tensor " + report.unexpected().get(0)
                    + " (the model has no parameter of that name)" + more(report.unexpected(), "unexpected"));
        }
        return report;
    }

    private static String more(List<?> problems, String kind) {
        return problems.size() > 1 ? " (and " + (problems.size() - 1) + " more " + kind + ")" : "";
    }

    private static SafetensorsFile open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file + ": no such weights file");
        }
        try {
            return SafetensorsFile.open(file);
        } catch (NoSuchFileException e) {
            throw new ModelFileException(file + ": no such weights file", e);
        } catch (SafetensorsFormatException e) {
            throw new ModelFileException(e.getMessage(), e);
        }
    }
}
