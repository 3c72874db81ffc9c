package io.timelapse.lib.checkpoint;

import io.timelapse.lib.bytes.LargeByteBuffer;
import io.timelapse.lib.safetensors.SafetensorsWriter;
import io.timelapse.lib.safetensors.TensorDType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gathers a training state (variables and optimizer slots) and writes it as one checkpoint file,
 * atomically. Buffers are referenced, not copied, until {@link #write(Path)}.
 */
public final class CheckpointWriter {

    private final long step;
    private final String configHash;
    private final SafetensorsWriter tensors = new SafetensorsWriter();
    private final Map<String, LargeByteBuffer> data = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();

    /** A checkpoint after {@code step} completed steps of the run whose config hashes to {@code configHash}. */
    public CheckpointWriter(long step, String configHash) {
        if (step < 0) {
            throw new IllegalArgumentException("negative step " + step);
        }
        if (!configHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("config hash must be a lower-case hex SHA-256 (see ConfigHash), got '" + configHash + "'");
        }
        this.step = step;
        this.configHash = configHash;
    }

    public long step() {
        return step;
    }

    /** The clock the creation time comes from (the system UTC clock by default). */
    public CheckpointWriter clock(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    /** Adds a model variable; names starting with {@value OptimizerSlots#PREFIX} are reserved for slots. */
    public CheckpointWriter variable(String name, TensorDType dtype, long[] shape, ByteBuffer bytes) {
        if (OptimizerSlots.isSlot(name)) {
            throw new IllegalArgumentException("variable name '" + name + "' starts with " + OptimizerSlots.PREFIX
                    + ", which marks optimizer slots; use slot(...)");
        }
        return add(name, dtype, shape, LargeByteBuffer.wrap(bytes, ByteOrder.LITTLE_ENDIAN));
    }

    /** Adds a model variable of any size. */
    public CheckpointWriter variable(String name, TensorDType dtype, long[] shape, LargeByteBuffer bytes) {
        if (OptimizerSlots.isSlot(name)) {
            throw new IllegalArgumentException("variable name '" + name + "' starts with " + OptimizerSlots.PREFIX
                    + ", which marks optimizer slots; use slot(...)");
        }
        return add(name, dtype, shape, bytes);
    }

    /** Adds optimizer state, e.g. {@code slot("adamw", "m", "dense.weight", ...)}. */
    public CheckpointWriter slot(String optimizer, String slot, String parameter, TensorDType dtype, long[] shape, ByteBuffer bytes) {
        return add(OptimizerSlots.name(optimizer, slot, parameter), dtype, shape, LargeByteBuffer.wrap(bytes, ByteOrder.LITTLE_ENDIAN));
    }

    private CheckpointWriter add(String name, TensorDType dtype, long[] shape, LargeByteBuffer bytes) {
        tensors.add(name, dtype, shape, bytes);
        data.put(name, bytes);
        return this;
    }

    /** Writes the checkpoint to {@code target}: temporary file, fsync, rename. */
    public CheckpointMetadata write(Path target) throws IOException {
        CheckpointMetadata metadata = new CheckpointMetadata(step, configHash, CheckpointMetadata.FORMAT_VERSION,
                Instant.now(clock), DataChecksum.of(data));
        tensors.metadata(metadata.toMap()).write(target);
        return metadata;
    }
}
