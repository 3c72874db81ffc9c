package io.timelapse.lib.checkpoint;

import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.safetensors.SafetensorsFile;
import io.timelapse.lib.safetensors.SafetensorsTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An open checkpoint file: its metadata, variables and optimizer slots. */
public final class Checkpoint implements AutoCloseable {

    private final SafetensorsFile file;
    private final CheckpointMetadata metadata;

    private Checkpoint(SafetensorsFile file, CheckpointMetadata metadata) {
        this.file = file;
        this.metadata = metadata;
    }

    /** Opens {@code path}, validating the safetensors structure and the checkpoint metadata (not the data checksum). */
    public static Checkpoint open(Path path) throws IOException {
        SafetensorsFile file = SafetensorsFile.open(path);
        try {
            return new Checkpoint(file, CheckpointMetadata.fromMap(path.toString(), file.metadata()));
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public Path path() {
        return file.path();
    }

    public CheckpointMetadata metadata() {
        return metadata;
    }

    public long step() {
        return metadata.step();
    }

    /** The underlying file, for any tensor by its full name. */
    public SafetensorsFile file() {
        return file;
    }

    public List<String> variableNames() {
        List<String> names = new ArrayList<>();
        for (String name : file.names()) {
            if (!OptimizerSlots.isSlot(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /** Full names of the optimizer slots ({@code opt.<optimizer>.<slot>.<parameter>}). */
    public List<String> slotNames() {
        List<String> names = new ArrayList<>();
        for (String name : file.names()) {
            if (OptimizerSlots.isSlot(name)) {
                names.add(name);
            }
        }
        return names;
    }

    public SafetensorsTensor variable(String name) throws IOException {
        return file.tensor(name);
    }

    public SafetensorsTensor slot(String optimizer, String slot, String parameter) throws IOException {
        return file.tensor(OptimizerSlots.name(optimizer, slot, parameter));
    }

    /** Fails unless this checkpoint was written by a run with config hash {@code expected}. */
    public void requireConfigHash(String expected) throws CheckpointException {
        if (!metadata.configHash().equals(expected)) {
            throw new CheckpointException(path().toString(), "written for config " + metadata.configHash()
                    + ", but this run's config hashes to " + expected + "; refusing to resume from it");
        }
    }

    /** Recomputes the data checksum; fails, naming the file, when any tensor byte changed. */
    public void verifyData() throws IOException {
        Map<String, LargeByteBuffer> data = new LinkedHashMap<>();
        for (String name : file.names()) {
            data.put(name, file.tensor(name).largeData());
        }
        String actual = DataChecksum.of(data);
        if (!actual.equals(metadata.dataChecksum())) {
            throw new CheckpointException(path().toString(), "data checksum is " + actual + " but metadata field "
                    + CheckpointMetadata.KEY_CHECKSUM + " records " + metadata.dataChecksum() + " (corrupt file)");
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
