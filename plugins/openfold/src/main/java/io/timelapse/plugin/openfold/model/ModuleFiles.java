package io.timelapse.plugin.openfold.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timelapse.api.compute.DType;
import io.timelapse.api.compute.HostTensor;
import io.timelapse.api.compute.Ops;
import io.timelapse.api.compute.Session;
import io.timelapse.api.compute.Shape;
import io.timelapse.api.compute.Tensor;
import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.nn.LoadReport;
import io.timelapse.lib.nn.Module;
import io.timelapse.lib.nn.StateDict;
import io.timelapse.lib.npy.Npy;
import io.timelapse.lib.npy.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One module's files in the golden fixtures' convention: {@code meta.json} (constructor arguments),
 * {@code input.<name>.npy} and {@code param.<state_dict key>.npy}. Problems with the files are
 * {@link ModuleFilesException}s naming the file.
 */
public final class ModuleFiles {

    private final Path dir;
    private final JsonNode meta;
    private final Map<Tensor, HostTensor> feeds = new LinkedHashMap<>();

    private ModuleFiles(Path dir, JsonNode meta) {
        this.dir = dir;
        this.meta = meta;
    }

    public static ModuleFiles open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModuleFilesException(dir + ": not a directory");
        }
        Path metaFile = dir.resolve("meta.json");
        if (!Files.isRegularFile(metaFile)) {
            throw new ModuleFilesException(metaFile + ": missing (the module's constructor arguments)");
        }
        try {
            JsonNode meta = new ObjectMapper().readTree(metaFile.toFile());
            if (meta == null || !meta.isObject()) {
                throw new ModuleFilesException(metaFile + ": not a JSON object");
            }
            return new ModuleFiles(dir, meta);
        } catch (IOException e) {
            throw new ModuleFilesException(metaFile + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    public Path dir() {
        return dir;
    }

    public JsonNode meta() {
        return meta;
    }

    public int intArg(String key) {
        JsonNode value = arg(key);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new ModuleFilesException(dir.resolve("meta.json") + ": \"" + key + "\" must be an integer, not " + value);
        }
        return value.asInt();
    }

    public double doubleArg(String key) {
        JsonNode value = arg(key);
        if (!value.isNumber()) {
            throw new ModuleFilesException(dir.resolve("meta.json") + ": \"" + key + "\" must be a number, not " + value);
        }
        return value.asDouble();
    }

    /** The argument {@code key}, or {@code fallback} where meta.json does not list it. */
    public double doubleArg(String key, double fallback) {
        return meta.has(key) ? doubleArg(key) : fallback;
    }

    private JsonNode arg(String key) {
        JsonNode value = meta.get(key);
        if (value == null) {
            throw new ModuleFilesException(dir.resolve("meta.json") + ": missing \"" + key + "\"");
        }
        return value;
    }

    /** A placeholder of the input's shape (int32 for integer files, float32 otherwise), fed by {@link #feeds()}. */
    public Tensor input(Ops ops, String name) {
        HostTensor value = value(name);
        Tensor placeholder = ops.placeholder(name, value.dtype(), value.shape());
        feeds.put(placeholder, value);
        return placeholder;
    }

    /** The values of the placeholders made by {@link #input}. */
    public Map<Tensor, HostTensor> feeds() {
        return feeds;
    }

    /** The values of {@code input.<name>.npy}: int32 for integer files, float32 otherwise. */
    public HostTensor value(String name) {
        NpyArray array = read("input." + name + ".npy");
        return host(array, array.dtype().isInteger() ? DType.I32 : DType.F32);
    }

    /** Every {@code param.<key>.npy} as float32, by its state-dict key. */
    public Map<String, HostTensor> params() {
        Map<String, HostTensor> params = new LinkedHashMap<>();
        for (String key : names("param.")) {
            params.put(key, host(read("param." + key + ".npy"), DType.F32));
        }
        return params;
    }

    /** The names of the {@code input.<name>.npy} files, sorted. */
    public List<String> inputNames() {
        return names("input.");
    }

    private List<String> names(String prefix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).filter(file -> file.startsWith(prefix) && file.endsWith(".npy"))
                    .sorted().map(file -> file.substring(prefix.length(), file.length() - ".npy".length())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Assigns the weights to {@code module}'s variables, refusing a missing, mis-shaped or unknown weight file. */
    public void load(Session session, Module module) {
        LoadReport report = StateDict.load(session, module.state(), params(), dir.toString(), false);
        if (!report.missing().isEmpty()) {
            String key = report.missing().get(0);
            throw new ModuleFilesException(dir.resolve("param." + key + ".npy") + ": missing (shape "
                    + module.state().get(key).shape() + " expected)" + more(report.missing().size()));
        }
        if (!report.mismatched().isEmpty()) {
            LoadReport.Mismatch m = report.mismatched().get(0);
            throw new ModuleFilesException(dir.resolve("param." + m.name() + ".npy") + ": shape " + m.actual()
                    + ", but the module expects " + m.expected() + more(report.mismatched().size()));
        }
        if (!report.unexpected().isEmpty()) {
            throw new ModuleFilesException(dir.resolve("param." + report.unexpected().get(0) + ".npy")
                    + ": the module has no parameter of that name" + more(report.unexpected().size()));
        }
    }

    private static String more(int count) {
        return count > 1 ? " (and " + (count - 1) + " more)" : "";
    }

    private NpyArray read(String file) {
        Path path = dir.resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new ModuleFilesException(path + ": missing");
        }
        try {
            return Npy.read(path);
        } catch (IOException e) {
            throw new ModuleFilesException(path + ": not a readable .npy file (" + e.getMessage() + ")");
        }
    }

    /** {@code array} as {@code dtype}, keeping its shape (also a 0-d one). */
    public static HostTensor host(NpyArray array, DType dtype) {
        return HostTensor.fromDoubles(dtype, Shape.of(array.shape()), array.asDoubleArray());
    }

    /** A float output as float32 .npy, keeping its shape (also a 0-d one). */
    public static NpyArray toNpy(HostTensor value) {
        float[] values = value.toFloats();
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return new NpyArray(io.timelapse.lib.npy.DType.FLOAT32, value.shape().dims(), false,
                LargeByteBuffer.wrap(buffer, ByteOrder.LITTLE_ENDIAN));
    }
}
