package io.timelapse.lib.safetensors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Opens whatever safetensors form a path holds: a file, a shard index, or a model directory. */
public final class Safetensors {

    /** The file name Hugging Face gives an unsharded model. */
    public static final String SINGLE_FILE_NAME = "model.safetensors";

    private Safetensors() {}

    /**
     * Opens {@code path}: a {@code .safetensors} file; a shard index; or a directory holding
     * {@value ShardIndex#FILE_NAME}, {@value #SINGLE_FILE_NAME}, or exactly one {@code .safetensors} file.
     */
    public static TensorStore open(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return openDirectory(path);
        }
        if (path.getFileName().toString().endsWith(".index.json")) {
            return ShardedSafetensors.open(path);
        }
        return SafetensorsFile.open(path);
    }

    private static TensorStore openDirectory(Path dir) throws IOException {
        Path index = dir.resolve(ShardIndex.FILE_NAME);
        if (Files.isRegularFile(index)) {
            return ShardedSafetensors.open(index);
        }
        Path single = dir.resolve(SINGLE_FILE_NAME);
        if (Files.isRegularFile(single)) {
            return SafetensorsFile.open(single);
        }
        List<Path> safetensors = new ArrayList<>();
        Path pickle = null;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (file.getFileName().toString().endsWith(".safetensors")) {
                    safetensors.add(file);
                } else if (pickle == null && PickleGuard.hasPickleName(file)) {
                    pickle = file;
                }
            }
        }
        if (safetensors.size() == 1) {
            return SafetensorsFile.open(safetensors.get(0));
        }
        if (safetensors.isEmpty() && pickle != null) {
            throw PickleGuard.refusal(pickle);
        }
        throw new SafetensorsFormatException(dir.toString(), safetensors.isEmpty()
                ? "no " + SINGLE_FILE_NAME + ", " + ShardIndex.FILE_NAME + " or other .safetensors file in this directory"
                : safetensors.size() + " .safetensors files but no " + ShardIndex.FILE_NAME + " to say how they fit together");
    }
}
